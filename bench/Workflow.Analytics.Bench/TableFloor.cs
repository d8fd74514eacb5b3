using Azure.Data.Tables;
using Workflow.App.Analytics;
using Workflow.App.Storage;

namespace Workflow.Analytics.Bench;

/// <summary>
/// The table path's floor: the same rows, as the same entities (typed columns and a RowHash of the same length), sent
/// as raw entity-group transactions of 100 (<see cref="TableClient.SubmitTransactionAsync"/>) through the same
/// <see cref="TableServiceClient"/>, 4 in flight as the exporter's 4 partitions — no checks, no hashes, no digests,
/// no state, no CSV. Written to <c>floor…</c> tables, dropped afterwards so Azurite's memory holds one copy.
/// </summary>
internal static class TableFloor
{
    private const int TransactionSize = 100;
    private const int InFlight = 4;

    // As long as a real RowHash (16 bytes in base64): the entities weigh what the exporter's weigh.
    private const string PlaceholderHash = "AAAAAAAAAAAAAAAAAAAAAA==";

    public static TableClient Client(TableServiceClient tables, ExportTable table) => tables.GetTableClient("floor" + table.Name);

    public static async Task<long> WriteAsync(TableServiceClient tables, ExportTable table, IEnumerable<ExportRow> rows, CancellationToken cancellationToken)
    {
        var client = Client(tables, table);
        await client.CreateIfNotExistsAsync(cancellationToken);
        var inFlight = new List<Task>();
        var batch = new List<TableTransactionAction>(TransactionSize);
        long count = 0;

        async Task SendAsync()
        {
            while (inFlight.Count >= InFlight)
            {
                var done = await Task.WhenAny(inFlight);
                inFlight.Remove(done);
                await done;
            }

            inFlight.Add(client.SubmitTransactionAsync(batch, cancellationToken));
            batch = new List<TableTransactionAction>(TransactionSize);
        }

        foreach (var row in rows)
        {
            if (batch.Count == TransactionSize || (batch.Count > 0 && batch[0].Entity.PartitionKey != row.PartitionKey))
            {
                await SendAsync();
            }

            var entity = new TableEntity(row.PartitionKey, row.RowKey) { [ExportTable.RowHashProperty] = PlaceholderHash };
            for (var i = 0; i < table.Columns.Count; i++)
            {
                if (row.Values[i] is { } value)
                {
                    entity[table.Columns[i].Name] = ExportValues.TableValue(table.Columns[i].Type, value);
                }
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            count++;
        }

        if (batch.Count > 0)
        {
            await SendAsync();
        }

        await Task.WhenAll(inFlight);
        return count;
    }
}
