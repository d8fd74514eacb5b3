using System.Diagnostics;
using Workflow.Domain.Demo;
using Workflow.App.Register;
using Xunit;
using Xunit.Abstractions;

namespace Workflow.App.Tests.Register;

[Collection(AzuriteCollection.Name)]
public sealed class DemoCountyLoaderTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private readonly RegisterTestBed _bed = new(azurite);

    [Fact]
    public async Task A_small_demo_county_loads_once_and_a_second_start_changes_nothing()
    {
        var first = await _bed.Loader.LoadAsync(RegisterTestBed.SmallSpec, 7, CancellationToken.None);
        var before = await _bed.SnapshotAsync();

        var second = await _bed.Loader.LoadAsync(RegisterTestBed.SmallSpec, 7, CancellationToken.None);

        Assert.Equal(new RegisterWrite(30, 0, 0), first);
        Assert.Null(second);
        Assert.Equal(before, await _bed.SnapshotAsync());
        var county = Assert.Single(await _bed.Directory.ListAsync(CancellationToken.None));
        Assert.Equal(new RegisteredCounty("532331", "禄丰县", 7), county);
        var places = await _bed.Directory.FindPlacesAsync(county.Code, CancellationToken.None);
        Assert.Equal(
            RegisterImportTests.Describe(RegisterTestBed.Generate().Townships.SelectMany(t => t.Villages.SelectMany(v => v.Households.Select(h => new RegisteredHousehold(t.Code, t.Name, v.Code, v.Name, h))))),
            RegisterImportTests.Describe(await _bed.ReadAllAsync(places!)));
    }

    [Fact]
    public async Task An_interrupted_load_is_completed_on_the_next_start()
    {
        var county = RegisterTestBed.Generate();
        await _bed.Directory.SavePlacesAsync(county, CancellationToken.None);
        var township = county.Townships[0];
        var village = township.Villages[0];
        var index = await _bed.Store.ReadIndexAsync(county.Code, CancellationToken.None);
        await _bed.Store.SaveAsync(county.Code, index, village.Households.Select(h => new RegisteredHousehold(township.Code, township.Name, village.Code, village.Name, h)), CancellationToken.None);

        var completed = await _bed.Loader.LoadAsync(RegisterTestBed.SmallSpec, 7, CancellationToken.None);

        Assert.Equal(new RegisterWrite(30 - village.Households.Count, 0, village.Households.Count), completed);
    }

    [Fact]
    public async Task A_county_with_a_real_register_is_not_overwritten_by_the_demo()
    {
        await _bed.AddPlacesAsync(RegisterTestBed.Generate());

        var loaded = await _bed.Loader.LoadAsync(RegisterTestBed.SmallSpec, 7, CancellationToken.None);

        Assert.Null(loaded);
        Assert.Empty(await _bed.AllRowsAsync(_bed.Tables.Households));
    }

    [Fact]
    public async Task The_full_Lufeng_2020_demo_county_loads_into_Azurite()
    {
        var clock = Stopwatch.StartNew();
        var loaded = await _bed.Loader.LoadLufengAsync(CancellationToken.None);
        var load = clock.Elapsed;
        clock.Restart();
        var again = await _bed.Loader.LoadLufengAsync(CancellationToken.None);
        var skip = clock.Elapsed;

        output.WriteLine($"Full 禄丰 2020 demo (7,249 households, 26,499 people): load {load.TotalSeconds:0.00} s, second start {skip.TotalMilliseconds:0} ms");
        Assert.Equal(new RegisterWrite(7249, 0, 0), loaded);
        Assert.Null(again);
        var places = await _bed.Directory.FindPlacesAsync(DemoCountySpec.Lufeng2020.CountyCode, CancellationToken.None);
        Assert.Equal(14, places!.Townships.Count);
        Assert.Equal(104, places.Villages.Count());
        var households = await _bed.ReadAllAsync(places);
        Assert.Equal(7249, households.Count);
        Assert.Equal(26_499, households.Sum(h => h.Household.Size));
        var index = await _bed.Store.ReadIndexAsync(places.Code, CancellationToken.None);
        Assert.Equal(26_499, index.MemberCount);
    }
}
