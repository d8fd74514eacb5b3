using Workflow.Domain.Register;
using Workflow.App.Register;
using Xunit;

namespace Workflow.App.Tests.Register;

/// <summary>003's “每人帮扶不超过 5 户” at import, on a real Azurite: the file's own rows and the register already there both count.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CadreLimitImportTests(AzuriteFixture azurite)
{
    private const string Cadre = "王芳";

    private readonly RegisterTestBed _bed = new(azurite);

    [Fact]
    public async Task The_sixth_household_of_one_cadre_in_a_file_is_refused_by_line_and_column_and_every_other_household_is_imported()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var rows = RegisterFiles.RowsOf(county);
        var given = GiveToCadre(rows, HouseholdsOfFirstTownship(county).Take(6));

        var report = await _bed.ImportAsync(places, "名册.csv", RegisterFiles.Csv(rows));

        var sixth = given[5];
        var firstLine = LinesOf(rows, sixth)[0];
        var held = string.Join("、", given.Take(5).Order(StringComparer.Ordinal));
        var township = county.Townships[0].Name;
        Assert.Contains(new ImportError(firstLine, RegisterColumns.ResponsibleCadre, $"帮扶责任人「{Cadre}」（{township}）已帮扶5户（户编号{held}），每人帮扶不超过5户"), report.Errors);
        Assert.Equal(LinesOf(rows, sixth), report.Errors.Select(e => e.Line).Distinct());
        var stored = await _bed.ReadAllAsync(places);
        Assert.Equal(county.Households.Count() - 1, stored.Count);
        Assert.DoesNotContain(stored, h => h.Household.Number == sixth);
        Assert.Equal(5, stored.Count(h => h.Household.ResponsibleCadre == Cadre));
    }

    [Fact]
    public async Task A_cadre_holding_five_households_on_the_register_is_refused_a_sixth_from_a_later_file()
    {
        var county = RegisterTestBed.Generate();
        var places = await _bed.AddPlacesAsync(county);
        var rows = RegisterFiles.RowsOf(county);
        var given = GiveToCadre(rows, HouseholdsOfFirstTownship(county).Take(6));
        var sixth = given[5];
        var first = await _bed.ImportAsync(places, "名册.csv", RegisterFiles.Csv(rows.Where(r => r[HouseholdColumn] != sixth)));
        Assert.Empty(first.Errors);
        var before = await _bed.SnapshotAsync();

        var report = await _bed.ImportAsync(places, "新增.csv", RegisterFiles.Csv([rows[0], .. rows.Where(r => r[HouseholdColumn] == sixth)]));

        var error = report.Errors[0];
        Assert.Equal((2, RegisterColumns.ResponsibleCadre), (error.Line, error.Column));
        Assert.Contains($"「{Cadre}」", error.Reason, StringComparison.Ordinal);
        Assert.Contains("已帮扶5户", error.Reason, StringComparison.Ordinal);
        Assert.All(given.Take(5), number => Assert.Contains(number, error.Reason, StringComparison.Ordinal));
        Assert.Contains("每人帮扶不超过5户", error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, report.ImportedRowCount);
        Assert.Equal(before, await _bed.SnapshotAsync());
    }

    private static int HouseholdColumn => RegisterFiles.Column(RegisterColumns.HouseholdNumber);

    private static IEnumerable<string> HouseholdsOfFirstTownship(Domain.Register.County county) =>
        county.Townships[0].Villages.SelectMany(v => v.Households).Select(h => h.Number);

    /// <summary>Names <see cref="Cadre"/> (no generated cadre) on every row of the households; returns them in file order.</summary>
    private static List<string> GiveToCadre(List<string[]> rows, IEnumerable<string> households)
    {
        var numbers = households.ToList();
        Assert.Equal(6, numbers.Count);
        Assert.DoesNotContain(rows.Skip(1), r => r[RegisterFiles.Column(RegisterColumns.ResponsibleCadre)] == Cadre);
        foreach (var row in rows.Skip(1).Where(r => numbers.Contains(r[HouseholdColumn])))
        {
            row[RegisterFiles.Column(RegisterColumns.ResponsibleCadre)] = Cadre;
        }

        return numbers;
    }

    /// <summary>The file's lines (header on line 1) of the household's rows.</summary>
    private static List<int> LinesOf(List<string[]> rows, string household) =>
        [.. rows.Select((row, i) => (row, Line: i + 1)).Where(x => x.row[HouseholdColumn] == household).Select(x => x.Line)];
}
