using Azure.Data.Tables;
using Workflow.App.Storage;

namespace Workflow.App.Loans.Usage;

/// <summary>The monthly usage checks in a table: PartitionKey county-township-month, RowKey the loan, so a month's checks of a township are one query.</summary>
public sealed class LoanUsageStore(TableServiceClient tables)
{
    /// <summary>A table transaction's limit.</summary>
    private const int BatchSize = 100;

    private readonly TableClient _checks = tables.Table("loanUsageChecks");

    public Task InitializeAsync(CancellationToken cancellationToken) => _checks.CreateIfNotExistsAsync(cancellationToken);

    public async Task SaveAsync(IReadOnlyList<LoanUsageCheck> checks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checks);
        foreach (var chunk in checks.Chunk(BatchSize))
        {
            var actions = chunk.Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition(c.CountyCode, c.TownshipCode, c.Month), LoanStore.RowKeyOf(c.LoanNumber))
            {
                ["LoanNumber"] = c.LoanNumber,
                ["UsedForIndustry"] = c.UsedForIndustry,
                ["Note"] = c.Note,
                ["CheckedBy"] = c.CheckedBy,
                ["CheckedAt"] = c.CheckedAt,
            })).ToList();
            await _checks.SubmitCheckedAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<LoanUsageCheck>> ListAsync(string countyCode, string townshipCode, string month, CancellationToken cancellationToken)
    {
        var list = new List<LoanUsageCheck>();
        var partition = Partition(countyCode, townshipCode, month);
        await foreach (var row in _checks.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            list.Add(new LoanUsageCheck(countyCode, townshipCode, month, row.GetString("LoanNumber"), row.GetBoolean("UsedForIndustry") ?? false,
                row.GetString("Note") ?? string.Empty, row.GetString("CheckedBy") ?? string.Empty, row.GetDateTimeOffset("CheckedAt") ?? default));
        }

        return list;
    }

    private static string Partition(string countyCode, string townshipCode, string month) => TableRules.Key($"{countyCode}-{townshipCode}-{month}", "partition");
}
