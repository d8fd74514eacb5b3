using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Workflow.App.Storage;
using Workflow.Domain.Monitoring;
using Workflow.Domain.Register;

namespace Workflow.App.Monitoring;

/// <summary>
/// Each month's round, one partition per county and month, one row per household asked: written when the round opens,
/// merged with the check when it is filed, flagged when the cadre is reminded and when the check is escalated. Every
/// write is keyed by round and household, so a retried activity or a redelivered check writes the same row again.
/// </summary>
public sealed class MonitoringCheckStore(TableServiceClient tables)
{
    public const string TableName = "monitoringChecks";

    private readonly TableClient _table = tables.Table(TableName);

    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Puts the household in the round; a household already in it keeps its row (and its check).</summary>
    public async Task OpenAsync(string countyCode, MonitoringMonth month, MonitoredHousehold household, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(household);
        try
        {
            await _table.AddCheckedAsync(new TableEntity(MonitoringKeys.Partition(countyCode, month), TableRules.Key(household.Number, "householdNumber"))
            {
                ["Household"] = JsonSerializer.Serialize(household),
                ["TownshipCode"] = household.TownshipCode,
                ["Checked"] = false,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Opened before: a retried activity.
        }
    }

    public async Task RecordCheckAsync(string countyCode, MonthlyCheck check, CheckAssessment assessment, string checkId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(assessment);
        await _table.UpsertCheckedAsync(new TableEntity(MonitoringKeys.Partition(countyCode, check.Month), TableRules.Key(check.HouseholdNumber, "householdNumber"))
        {
            ["Checked"] = true,
            ["Check"] = JsonSerializer.Serialize(check),
            ["CheckId"] = checkId,
            ["RecordedAt"] = at,
            ["Reasons"] = JsonSerializer.Serialize(assessment.Reasons),
            ["FailedCodes"] = string.Join(',', assessment.FailedCodes),
        }, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    public Task RecordProposalAsync(string countyCode, MonitoringMonth month, string householdNumber, string proposal, CancellationToken cancellationToken) =>
        FlagAsync(countyCode, month, householdNumber, "Proposal", proposal, cancellationToken);

    public Task MarkRemindedAsync(string countyCode, MonitoringMonth month, string householdNumber, CancellationToken cancellationToken) =>
        FlagAsync(countyCode, month, householdNumber, "Reminded", true, cancellationToken);

    public Task MarkEscalatedAsync(string countyCode, MonitoringMonth month, string householdNumber, CancellationToken cancellationToken) =>
        FlagAsync(countyCode, month, householdNumber, "Escalated", true, cancellationToken);

    public async Task<IReadOnlyList<RoundEntry>> ReadRoundAsync(string countyCode, MonitoringMonth month, CancellationToken cancellationToken)
    {
        var entries = new List<RoundEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {MonitoringKeys.Partition(countyCode, month)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (EntryOf(row) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return [.. entries.OrderBy(e => e.Household.TownshipCode, StringComparer.Ordinal).ThenBy(e => e.Household.Number, StringComparer.Ordinal)];
    }

    public async Task<RoundEntry?> FindAsync(string countyCode, MonitoringMonth month, string householdNumber, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(MonitoringKeys.Partition(countyCode, month), TableRules.Key(householdNumber, nameof(householdNumber)),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? EntryOf(row.Value!) : null;
    }

    // A row merged by a flag before its opening (a race the activities never make) has no household and is passed over.
    private static RoundEntry? EntryOf(TableEntity row) =>
        row.GetString("Household") is { } household
            ? new RoundEntry(
                JsonSerializer.Deserialize<MonitoredHousehold>(household)!,
                row.GetString("Check") is { } check ? JsonSerializer.Deserialize<MonthlyCheck>(check) : null,
                row.GetString("Reasons") is { } reasons ? JsonSerializer.Deserialize<List<string>>(reasons)! : [],
                [.. (row.GetString("FailedCodes") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)],
                row.GetString("Proposal"),
                row.GetBoolean("Reminded") ?? false,
                row.GetBoolean("Escalated") ?? false)
            : null;

    private async Task FlagAsync(string countyCode, MonitoringMonth month, string householdNumber, string property, object value, CancellationToken cancellationToken) =>
        await _table.UpsertCheckedAsync(new TableEntity(MonitoringKeys.Partition(countyCode, month), TableRules.Key(householdNumber, nameof(householdNumber)))
        {
            [property] = value,
        }, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
}
