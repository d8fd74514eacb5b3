using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Workflow.Domain.Demo;
using Workflow.Domain.Register;
using Workflow.App.Register;

namespace Workflow.App.Tests.Register;

/// <summary>The register services on their own tables of the shared Azurite, as the app wires them.</summary>
internal sealed class RegisterTestBed
{
    /// <summary>A small county: 2 townships, 4 villages, 30 households, 100 people.</summary>
    public static DemoCountySpec SmallSpec { get; } = DemoCountySpec.Lufeng2020 with
    {
        Townships = ["碧城镇", "金山镇"],
        PoorVillages = 4,
        Households = 30,
        People = 100,
        HouseholdsDueToExit = 5,
        PeopleDueToExit = 15,
        EdgeHouseholds = 3,
        MonitoredHouseholds = 2,
    };

    public RegisterTestBed(AzuriteFixture azurite)
    {
        Prefix = AzuriteFixture.UniqueName("reg");
        Tables = new RegisterTables(azurite.Tables, azurite.Blobs, Prefix);
        Directory = new CountyDirectory(Tables);
        Store = new RegisterStore(Tables);
        Reports = new ImportErrorReports(Tables);
        Importer = new RegisterImporter(Store, Reports, TimeProvider.System, NullLogger<RegisterImporter>.Instance);
        Exporter = new RegisterExporter(Store);
        Loader = new DemoCountyLoader(Directory, Store, NullLogger<DemoCountyLoader>.Instance);
    }

    public string Prefix { get; }

    public RegisterTables Tables { get; }

    public CountyDirectory Directory { get; }

    public RegisterStore Store { get; }

    public ImportErrorReports Reports { get; }

    public RegisterImporter Importer { get; }

    public RegisterExporter Exporter { get; }

    public DemoCountyLoader Loader { get; }

    public static County Generate(DemoCountySpec? spec = null, int seed = 7) => DemoCountyGenerator.Generate(spec ?? SmallSpec, seed);

    /// <summary>Registers the county's places (not its households) and returns it as the importer gets it.</summary>
    public async Task<County> AddPlacesAsync(County county)
    {
        await Directory.SavePlacesAsync(county, CancellationToken.None);
        await Directory.SaveCountyAsync(new RegisteredCounty(county.Code, county.Name, null), CancellationToken.None);
        return (await Directory.FindPlacesAsync(county.Code, CancellationToken.None))!;
    }

    public Task<RegisterImportReport> ImportAsync(County places, string fileName, byte[] content) =>
        Importer.ImportAsync(places, fileName, content, SmallSpec.Year, CancellationToken.None);

    public async Task<byte[]> ExportAsync(County places, bool revealIdNumbers, string? townshipCode = null)
    {
        using var output = new MemoryStream();
        await Exporter.WriteCsvAsync(places, townshipCode, revealIdNumbers, output, CancellationToken.None);
        return output.ToArray();
    }

    public async Task<List<RegisteredHousehold>> ReadAllAsync(County places)
    {
        var households = new List<RegisteredHousehold>();
        foreach (var township in places.Townships)
        {
            households.AddRange(await Store.ReadTownshipAsync(places.Code, township.Code, CancellationToken.None).ToListAsync());
        }

        return households;
    }

    /// <summary>Every row of the household and index tables with its ETag: equal snapshots mean nothing was written.</summary>
    public async Task<List<string>> SnapshotAsync()
    {
        var rows = new List<string>();
        foreach (var table in new[] { Tables.Households, Tables.Index })
        {
            await foreach (var entity in table.QueryAsync<TableEntity>())
            {
                rows.Add($"{table.Name}|{entity.PartitionKey}|{entity.RowKey}|{entity.ETag}");
            }
        }

        return rows;
    }

    public async Task<List<TableEntity>> AllRowsAsync(TableClient table) => await table.QueryAsync<TableEntity>().ToListAsync();
}
