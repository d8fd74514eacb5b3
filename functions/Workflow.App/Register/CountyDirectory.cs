using System.Diagnostics.CodeAnalysis;
using Azure.Data.Tables;
using Workflow.Domain.Register;
using Workflow.App.Storage;

namespace Workflow.App.Register;

/// <summary>
/// The counties that keep a register here and their townships and villages, by code and name. Imported files name
/// places; the register's keys use their codes, and rows are checked against the names stored here.
/// </summary>
public sealed class CountyDirectory(RegisterTables tables)
{
    private const int TransactionSize = TableRules.MaxTransactionActions;

    /// <summary>
    /// The six digits of GB/T 2260. Codes arrive in URLs; anything else is no county's, and must not reach a key or a
    /// blob path (where ".." would leave the county's folder).
    /// </summary>
    public static bool IsCountyCode([NotNullWhen(true)] string? code) => code is { Length: 6 } && code.All(char.IsAsciiDigit);

    public async Task<IReadOnlyList<RegisteredCounty>> ListAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var counties = new List<RegisteredCounty>();
        await foreach (var row in tables.Counties.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {RegisterKeys.CountiesPartition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            counties.Add(CountyOf(row));
        }

        return counties;
    }

    public async Task<RegisteredCounty?> FindAsync(string? countyCode, CancellationToken cancellationToken)
    {
        if (!IsCountyCode(countyCode))
        {
            return null;
        }

        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var row = await tables.Counties.GetEntityIfExistsAsync<TableEntity>(RegisterKeys.CountiesPartition, countyCode, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? CountyOf(row.Value!) : null;
    }

    /// <summary>
    /// The county with its townships and villages in code order, or null when it is not registered. The villages carry
    /// no households: this is the county's geography, the households are read township by township from the store.
    /// </summary>
    public async Task<County?> FindPlacesAsync(string? countyCode, CancellationToken cancellationToken)
    {
        var county = await FindAsync(countyCode, cancellationToken).ConfigureAwait(false);
        if (county is null)
        {
            return null;
        }

        var villages = new List<TableEntity>();
        await foreach (var row in tables.Places.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {county.Code}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            villages.Add(row);
        }

        var townships = villages
            .GroupBy(v => (Code: v.GetString("TownshipCode")!, Name: v.GetString("Township")!))
            .OrderBy(t => t.Key.Code, StringComparer.Ordinal)
            .Select(t => new Township(t.Key.Code, t.Key.Name, t
                .Select(v => new Village(v.RowKey, v.GetString("Village")!, v.GetBoolean("IsPoorVillage") ?? false, []))
                .ToList()))
            .ToList();
        return new County(county.Code, county.Name, townships);
    }

    /// <summary>Stores the county's townships and villages; the county is listed only once <see cref="SaveCountyAsync"/> has run.</summary>
    public async Task SavePlacesAsync(County county, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(county);
        RefuseMalformed(county.Code);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var rows = county.Townships.SelectMany(township => township.Villages.Select(village => new TableEntity(county.Code, village.Code)
        {
            ["TownshipCode"] = township.Code,
            ["Township"] = township.Name,
            ["Village"] = village.Name,
            ["IsPoorVillage"] = village.IsPoorVillage,
        }));
        foreach (var chunk in rows.Chunk(TransactionSize))
        {
            await tables.Places.SubmitCheckedAsync(
                chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)).ToList(), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task SaveCountyAsync(RegisteredCounty county, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(county);
        RefuseMalformed(county.Code);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(RegisterKeys.CountiesPartition, county.Code) { ["Name"] = county.Name };
        if (county.DemoSeed is { } seed)
        {
            row["DemoSeed"] = seed;
        }

        await tables.Counties.UpsertCheckedAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static void RefuseMalformed(string code)
    {
        if (!IsCountyCode(code))
        {
            throw new ArgumentException($"'{code}' is not a six-digit county code.", nameof(code));
        }
    }

    private static RegisteredCounty CountyOf(TableEntity row) => new(row.RowKey, row.GetString("Name")!, row.GetInt32("DemoSeed"));
}
