using Workflow.Storage.Tables;

namespace Workflow.Storage.Bench;

/// <summary>Table insert, upsert (replace) and point read, each round on a table of its own.</summary>
internal static class TableOperations
{
    private const int BatchSize = 100;

    public static IEnumerable<BenchOperation> All =>
    [
        new("table insert", 4000, PrepareInsertAsync),
        new("table upsert (replace)", 4000, PrepareUpsertAsync),
        new("table point read", 4000, PrepareReadAsync),
    ];

    private static async Task<PreparedRound> PrepareInsertAsync(BenchTargets targets, Side side, int operations)
    {
        var (name, table) = await CreateTableAsync(targets, "ins", side, prefill: 0);
        var client = targets.Client.GetTableClient(name);
        return Round(table, side == Side.Client
            ? i => client.AddEntityAsync(BenchEntity.Create(i))
            : i => targets.Baseline.InsertEntityAsync(name, BenchEntity.Json(i)));
    }

    private static async Task<PreparedRound> PrepareUpsertAsync(BenchTargets targets, Side side, int operations)
    {
        // Replacing entities that exist, as the common upsert does.
        var (name, table) = await CreateTableAsync(targets, "ups", side, prefill: operations);
        var client = targets.Client.GetTableClient(name);
        return Round(table, side == Side.Client
            ? i => client.UpsertEntityAsync(BenchEntity.Create(i), TableUpdateMode.Replace)
            : i => targets.Baseline.UpsertReplaceEntityAsync(name, BenchEntity.PartitionKey, BenchEntity.RowKey(i), BenchEntity.Json(i)));
    }

    private static async Task<PreparedRound> PrepareReadAsync(BenchTargets targets, Side side, int operations)
    {
        var (name, table) = await CreateTableAsync(targets, "get", side, prefill: operations);
        var client = targets.Client.GetTableClient(name);
        return Round(table, side == Side.Client
            ? i => client.GetEntityAsync(BenchEntity.PartitionKey, BenchEntity.RowKey(i))
            : i => targets.Baseline.GetEntityAsync(name, BenchEntity.PartitionKey, BenchEntity.RowKey(i)));
    }

    private static async Task<(string Name, TableClient SetupTable)> CreateTableAsync(BenchTargets targets, string kind, Side side, int prefill)
    {
        var name = targets.NewName(kind, side);
        var table = targets.Setup.GetTableClient(name);
        await table.CreateAsync();
        var batches = Enumerable.Range(0, (prefill + BatchSize - 1) / BatchSize);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, cancellation) =>
        {
            var actions = Enumerable.Range(batch * BatchSize, Math.Min(BatchSize, prefill - (batch * BatchSize)))
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, BenchEntity.Create(i)));
            await table.SubmitTransactionAsync(actions, cancellation);
        });
        return (name, table);
    }

    private static PreparedRound Round(TableClient setupTable, Func<int, Task> operation) =>
        new(operation, async () => await setupTable.DeleteAsync());
}
