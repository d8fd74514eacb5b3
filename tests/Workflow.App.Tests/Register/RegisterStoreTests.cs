using Azure.Data.Tables;
using Workflow.Domain.Register;
using Workflow.App.Register;
using Xunit;

namespace Workflow.App.Tests.Register;

[Collection(AzuriteCollection.Name)]
public sealed class RegisterStoreTests(AzuriteFixture azurite)
{
    private readonly RegisterTestBed _bed = new(azurite);

    [Fact]
    public async Task Households_are_partitioned_by_county_and_township_and_found_by_number_and_by_id_number()
    {
        var county = RegisterTestBed.Generate();
        await _bed.Loader.LoadAsync(RegisterTestBed.SmallSpec, 7, CancellationToken.None);
        var township = county.Townships[0];
        var household = township.Households.Last();

        var partitionKey = $"{county.Code}|{township.Code}";
        var partition = await _bed.Tables.Households.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")).ToListAsync();
        var byNumber = await _bed.Store.FindHouseholdAsync(county.Code, household.Number, CancellationToken.None);
        var byId = await _bed.Store.FindByIdNumberAsync(county.Code, household.Members[^1].IdNumber, CancellationToken.None);

        Assert.Equal(township.Households.Count(), partition.Count);
        Assert.Equal(township.Code, byNumber!.TownshipCode);
        Assert.Equal(household.Number, byId!.Household.Number);
        Assert.Null(await _bed.Store.FindByIdNumberAsync(county.Code, ResidentIdNumber.Create("532331", new DateOnly(1990, 1, 1), 999), CancellationToken.None));
        Assert.Null(await _bed.Store.FindHouseholdAsync(county.Code, "不存在", CancellationToken.None));
    }

    [Fact]
    public async Task No_key_and_no_index_row_holds_an_id_number()
    {
        var county = RegisterTestBed.Generate();
        await _bed.Loader.LoadAsync(RegisterTestBed.SmallSpec, 7, CancellationToken.None);
        var ids = county.Households.SelectMany(h => h.Members).Select(m => m.IdNumber.Reveal()).ToList();

        var households = await _bed.AllRowsAsync(_bed.Tables.Households);
        var index = await _bed.AllRowsAsync(_bed.Tables.Index);

        Assert.Equal(30, households.Count);
        Assert.Equal(30 + 100, index.Count);
        Assert.All(households.Concat(index), row => Assert.DoesNotContain(ids, id => row.PartitionKey.Contains(id, StringComparison.Ordinal) || row.RowKey.Contains(id, StringComparison.Ordinal)));
        Assert.All(index, row => Assert.DoesNotContain(ids, id => row.Any(p => p.Value is string text && text.Contains(id, StringComparison.Ordinal))));
    }

    [Fact]
    public async Task A_member_who_left_a_household_can_be_registered_in_another_and_a_moved_household_leaves_no_copy()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var registered = county.Townships[0].Villages[0].Households.First(h => h.Size >= 2);
        var leaving = registered.Members.First(m => m.Relationship != Relationship.Head);
        var otherTownship = places.Townships[1];
        var otherVillage = otherTownship.Villages[0];
        await SaveAsync(new RegisteredHousehold(places.Townships[0].Code, places.Townships[0].Name, places.Townships[0].Villages[0].Code, places.Townships[0].Villages[0].Name, registered));

        var smaller = new Household(registered.Number, registered.Members.Where(m => m != leaving).ToList(), registered.Cause, registered.Status,
            registered.ExitYear, registered.Monitoring, registered.Income, registered.ResponsibleCadre);
        var written = await SaveAsync(new RegisteredHousehold(otherTownship.Code, otherTownship.Name, otherVillage.Code, otherVillage.Name, smaller));
        var index = await _bed.Store.ReadIndexAsync(county.Code, CancellationToken.None);

        Assert.Equal(new RegisterWrite(0, 1, 0), written);
        Assert.Empty(index.HouseholdsOf([leaving.IdNumber]));
        Assert.Null(await _bed.Store.FindByIdNumberAsync(county.Code, leaving.IdNumber, CancellationToken.None));
        var rows = await _bed.AllRowsAsync(_bed.Tables.Households);
        var row = Assert.Single(rows);
        Assert.Equal($"{county.Code}|{otherTownship.Code}", row.PartitionKey);
        Assert.Equal(otherTownship.Code, (await _bed.Store.FindHouseholdAsync(county.Code, registered.Number, CancellationToken.None))!.TownshipCode);
    }

    [Fact]
    public async Task Household_numbers_with_characters_keys_forbid_are_stored_and_found()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var township = places.Townships[0];
        var village = township.Villages[0];
        var template = county.Townships[0].Villages[0].Households[0];
        var numbers = new[] { "碧城/大箐#1?", "100%", "a\\b", "%2F" };
        var households = numbers.Select((number, i) => new RegisteredHousehold(township.Code, township.Name, village.Code, village.Name,
            new Household(number, [new Member("李" + i, ResidentIdNumber.Create("532331", new DateOnly(1980, 1, 1), i), Relationship.Head)],
                template.Cause, template.Status, template.ExitYear, template.Monitoring, template.Income, template.ResponsibleCadre))).ToList();

        var written = await SaveAsync([.. households]);

        Assert.Equal(new RegisterWrite(4, 0, 0), written);
        foreach (var number in numbers)
        {
            Assert.Equal(number, (await _bed.Store.FindHouseholdAsync(county.Code, number, CancellationToken.None))!.Household.Number);
        }
    }

    [Fact]
    public async Task Hostile_household_numbers_and_names_in_filters_and_keys_match_only_themselves()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var township = places.Townships[0];
        var village = township.Villages[0];
        var template = county.Townships[0].Villages[0].Households[0];
        const string hostile = "O'Brien 张'三 ' or PartitionKey ne '";
        var numbers = new[] { hostile, "' or RowKey ne '", "x' or '1' eq '1", "''", "张三", "O'Brien 张'三 " };
        var households = numbers.Select((number, i) => new RegisteredHousehold(township.Code, township.Name, village.Code, village.Name,
            new Household(number, [new Member(i == 0 ? hostile : "O'Brien 张'三", ResidentIdNumber.Create("532331", new DateOnly(1981, 2, 3), i), Relationship.Head)],
                template.Cause, template.Status, template.ExitYear, template.Monitoring, template.Income, template.ResponsibleCadre))).ToList();
        await SaveAsync([.. households]);

        foreach (var (number, i) in numbers.Select((number, i) => (number, i)))
        {
            // Through the store: the point reads of the index and the household row.
            var found = await _bed.Store.FindHouseholdAsync(county.Code, number, CancellationToken.None);
            Assert.Equal(number, found!.Household.Number);
            Assert.Equal(households[i].Household.Head.Name, found.Household.Head.Name);

            // Through a filter on the column, built as every filter of the app is.
            var rows = await _bed.Tables.Households.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Number eq {number}")).ToListAsync();
            Assert.Equal(number, Assert.Single(rows).GetString("Number"));
        }

        var partitionKey = $"{county.Code}|{township.Code}";
        var byName = await _bed.Tables.Households.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and Number eq {hostile}")).ToListAsync();
        Assert.Equal(hostile, Assert.Single(byName).GetString("Number"));

        // The store's partition filters, given a township or county code that tries to widen them, find nothing.
        Assert.Empty(await _bed.Store.ReadTownshipAsync(county.Code, hostile, CancellationToken.None).ToListAsync());
        Assert.Empty(await _bed.Store.ReadTownshipTalliesAsync(county.Code, "' or PartitionKey ne '", CancellationToken.None).ToListAsync());
        Assert.Equal(0, (await _bed.Store.ReadIndexAsync(hostile, CancellationToken.None)).HouseholdCount);
        Assert.Equal(numbers.Length, (await _bed.Store.ReadTownshipAsync(county.Code, township.Code, CancellationToken.None).ToListAsync()).Count);
        Assert.Null(await _bed.Store.FindHouseholdAsync(county.Code, "O'Brien", CancellationToken.None));
    }

    [Fact]
    public async Task Saving_a_household_twice_in_one_go_is_refused()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var township = places.Townships[0];
        var household = new RegisteredHousehold(township.Code, township.Name, township.Villages[0].Code, township.Villages[0].Name, county.Households.First());

        await Assert.ThrowsAsync<ArgumentException>(() => SaveAsync(household, household));
    }

    private async Task<RegisterWrite> SaveAsync(params RegisteredHousehold[] households)
    {
        var index = await _bed.Store.ReadIndexAsync(RegisterTestBed.SmallSpec.CountyCode, CancellationToken.None);
        return await _bed.Store.SaveAsync(RegisterTestBed.SmallSpec.CountyCode, index, households, CancellationToken.None);
    }
}
