using Azure;
using Azure.Data.Tables;
using Workflow.App.Register;
using Workflow.App.Storage;
using Workflow.Domain.Monitoring;
using Workflow.Domain.Register;

namespace Workflow.App.Monitoring;

/// <summary>
/// 监测台账 — the county's monitored households, one partition per county. Seeded from the register (its 监测户 and
/// 边缘户) before every round, so a register imported since is followed; the office adds a household to the twelve
/// groups through the county API, and a household stays on the ledger while it has a category or a group.
/// </summary>
public sealed class MonitoringLedger(TableServiceClient tables, CountyDirectory directory, RegisterStore register)
{
    public const string TableName = "monitoringLedger";

    private readonly TableClient _table = tables.Table(TableName);

    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<MonitoredHousehold>> ReadAsync(string countyCode, CancellationToken cancellationToken)
    {
        var found = new List<MonitoredHousehold>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {countyCode}"), cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            found.Add(FromEntity(row));
        }

        return [.. found.OrderBy(h => h.TownshipCode, StringComparer.Ordinal).ThenBy(h => h.Number, StringComparer.Ordinal)];
    }

    public async Task<MonitoredHousehold?> FindAsync(string countyCode, string householdNumber, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(countyCode, TableRules.Key(householdNumber, nameof(householdNumber)), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    /// <summary>
    /// Brings the ledger in line with the register: every 监测户 and 边缘户 on it with the register's facts, every household
    /// with groups refreshed, and a household that has neither category nor group any more taken off. Returns the ledger.
    /// </summary>
    public async Task<IReadOnlyList<MonitoredHousehold>> SeedAsync(string countyCode, CancellationToken cancellationToken)
    {
        var places = await directory.FindPlacesAsync(countyCode, cancellationToken).ConfigureAwait(false);
        if (places is null)
        {
            return [];
        }

        var existing = (await ReadAsync(countyCode, cancellationToken).ConfigureAwait(false)).ToDictionary(h => h.Number, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var township in places.Townships)
        {
            await foreach (var registered in register.ReadTownshipAsync(countyCode, township.Code, cancellationToken).ConfigureAwait(false))
            {
                var number = registered.Household.Number;
                var groups = existing.TryGetValue(number, out var before) ? before.Groups : [];
                var entry = MonitoredHousehold.Of(registered, groups);
                if (!entry.IsMonitored)
                {
                    continue;
                }

                seen.Add(number);
                if (before != entry)
                {
                    await _table.UpsertCheckedAsync(ToEntity(countyCode, entry), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        // Off the register, or no longer monitored there and in no group.
        foreach (var gone in existing.Keys.Where(n => !seen.Contains(n)))
        {
            await _table.DeleteEntityAsync(countyCode, TableRules.Key(gone), ETag.All, cancellationToken).ConfigureAwait(false);
        }

        return await ReadAsync(countyCode, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets the household's groups (the office's 12类群体 ledger); null when the register has no such household. A
    /// household left with neither a category nor a group is taken off the ledger (and returned with IsMonitored false).
    /// </summary>
    public async Task<MonitoredHousehold?> SetGroupsAsync(string countyCode, string householdNumber, IReadOnlyList<SpecialGroup> groups, CancellationToken cancellationToken)
    {
        var registered = await register.FindHouseholdAsync(countyCode, householdNumber, cancellationToken).ConfigureAwait(false);
        if (registered is null)
        {
            return null;
        }

        var entry = MonitoredHousehold.Of(registered, [.. groups.Distinct().Order()]);
        if (entry.IsMonitored)
        {
            await _table.UpsertCheckedAsync(ToEntity(countyCode, entry), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _table.DeleteEntityAsync(countyCode, TableRules.Key(householdNumber, nameof(householdNumber)), ETag.All, cancellationToken).ConfigureAwait(false);
        }

        return entry;
    }

    private static TableEntity ToEntity(string countyCode, MonitoredHousehold h) => new(countyCode, TableRules.Key(h.Number, "householdNumber"))
    {
        ["Number"] = h.Number,
        ["TownshipCode"] = h.TownshipCode,
        ["Township"] = h.Township,
        ["VillageCode"] = h.VillageCode,
        ["Village"] = h.Village,
        ["HeadName"] = h.HeadName,
        ["Cadre"] = h.Cadre,
        ["Category"] = h.Category.ToString(),
        ["Status"] = h.Status.ToString(),
        ["Size"] = h.Size,
        ["Groups"] = string.Join(',', h.Groups),
    };

    private static MonitoredHousehold FromEntity(TableEntity row) => new(
        row.GetString("Number")!,
        row.GetString("TownshipCode")!,
        row.GetString("Township")!,
        row.GetString("VillageCode")!,
        row.GetString("Village")!,
        row.GetString("HeadName")!,
        row.GetString("Cadre")!,
        Enum.Parse<MonitoringCategory>(row.GetString("Category")!),
        Enum.Parse<PovertyStatus>(row.GetString("Status")!),
        row.GetInt32("Size") ?? 0,
        [.. (row.GetString("Groups") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<SpecialGroup>)]);
}
