using System.Globalization;
using Azure.Data.Tables;
using Workflow.App.Storage;

namespace Workflow.App.Funds.Reports;

/// <summary>
/// The monthly reports in a table: PartitionKey county-month, RowKey the township, so a county's month is one query.
/// Saving again replaces the same row, so a submission retried after a crash keeps one report.
/// </summary>
public sealed class FundReportStore(TableServiceClient tables)
{
    private readonly TableClient _reports = tables.Table("fundReports");

    public Task InitializeAsync(CancellationToken cancellationToken) => _reports.CreateIfNotExistsAsync(cancellationToken);

    public Task SaveAsync(FundReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return _reports.UpsertCheckedAsync(new TableEntity(Partition(report.CountyCode, report.Month), TableRules.Key(report.TownshipCode, "township"))
        {
            ["Allocated"] = report.Allocated.ToString(CultureInfo.InvariantCulture),
            ["Paid"] = report.Paid.ToString(CultureInfo.InvariantCulture),
            ["Note"] = report.Note,
            ["ConfirmedBy"] = report.ConfirmedBy,
            ["ConfirmedAt"] = report.ConfirmedAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The county's reports for the month (yyyy-MM), by township code.</summary>
    public async Task<IReadOnlyDictionary<string, FundReport>> ListAsync(string countyCode, string month, CancellationToken cancellationToken)
    {
        var reports = new Dictionary<string, FundReport>(StringComparer.Ordinal);
        var partition = Partition(countyCode, month);
        await foreach (var row in _reports.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            reports[row.RowKey] = new FundReport(countyCode, row.RowKey, month, decimal.Parse(row.GetString("Allocated"), CultureInfo.InvariantCulture),
                decimal.Parse(row.GetString("Paid"), CultureInfo.InvariantCulture), row.GetString("Note") ?? string.Empty, row.GetString("ConfirmedBy") ?? string.Empty,
                row.GetDateTimeOffset("ConfirmedAt") ?? default);
        }

        return reports;
    }

    private static string Partition(string countyCode, string month) => TableRules.Key($"{countyCode}-{month}", "partition");
}
