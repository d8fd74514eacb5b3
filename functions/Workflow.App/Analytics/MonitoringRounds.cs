using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Workflow.App.Monitoring;
using Workflow.App.Storage;
using Workflow.Domain.Monitoring;

namespace Workflow.App.Analytics;

/// <summary>One household in one month's monitoring round as the monitoring facts read it: the round's row with the time the check was kept.</summary>
/// <param name="RecordedAt">When the check was kept; null while it is missing.</param>
public sealed record MonitoredMonth(MonitoringMonth Month, RoundEntry Entry, DateTimeOffset? RecordedAt);

/// <summary>
/// Reads every monthly round of a county from the monitoring checks table (<see cref="MonitoringCheckStore"/>): its
/// partitions are {county}-{yyyyMM}, so the county is one key range. The store reads one month at a time; the export
/// reads all of them, with the time each check was kept, which <see cref="RoundEntry"/> does not carry.
/// </summary>
public sealed class MonitoringRounds(TableServiceClient tables)
{
    private readonly TableClient _table = tables.Table(MonitoringCheckStore.TableName);

    public async Task<IReadOnlyList<MonitoredMonth>> ReadAsync(string countyCode, CancellationToken cancellationToken)
    {
        var rows = new List<MonitoredMonth>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {countyCode + "-"} and PartitionKey lt {countyCode + "."}");
        try
        {
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (Read(countyCode, row) is { } month)
                {
                    rows.Add(month);
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No round has ever opened: the table is created with the first one.
        }

        return [.. rows.OrderBy(r => r.Month.Key, StringComparer.Ordinal).ThenBy(r => r.Entry.Household.Number, StringComparer.Ordinal)];
    }

    // As the store reads a row; a row merged by a flag before its opening has no household and is passed over, as there.
    private static MonitoredMonth? Read(string countyCode, TableEntity row) =>
        row.GetString("Household") is { } household && MonitoringMonth.TryParse(row.PartitionKey[(countyCode.Length + 1)..], out var month)
            ? new MonitoredMonth(month, new RoundEntry(
                JsonSerializer.Deserialize<MonitoredHousehold>(household)!,
                row.GetString("Check") is { } check ? JsonSerializer.Deserialize<MonthlyCheck>(check) : null,
                row.GetString("Reasons") is { } reasons ? JsonSerializer.Deserialize<List<string>>(reasons)! : [],
                [.. (row.GetString("FailedCodes") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)],
                row.GetString("Proposal"),
                row.GetBoolean("Reminded") ?? false,
                row.GetBoolean("Escalated") ?? false), row.GetDateTimeOffset("RecordedAt"))
            : null;
}
