using Workflow.Domain.Register;
using Workflow.Domain.Standards;

namespace Workflow.Domain.Tests.Register;

/// <summary>003's “每人帮扶不超过 5 户” at import: the household that would be a cadre's 6th is refused, the others kept.</summary>
public class CadreLimitTests
{
    private static readonly Dictionary<ResidentIdNumber, string> NothingRegistered = [];

    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static string Number(int n) => "53233110020000" + n.ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A one-person household of 碧城镇 held by <paramref name="cadre"/>.</summary>
    private static Dictionary<string, string?> Household(int n, string cadre = "王芳", string township = "碧城镇", string village = "大箐村") =>
        RegisterRows.Head(Number(n), "户主" + n, sequence: 10 + n)
            .With(RegisterColumns.ResponsibleCadre, cadre)
            .With(RegisterColumns.Township, township)
            .With(RegisterColumns.Village, village);

    private static RegisterImportOutcome Import(IEnumerable<Dictionary<string, string?>> rows, IReadOnlyDictionary<string, Cadre>? registered = null)
    {
        var batch = new RegisterImportBatch(RegisterRows.Validator(), NothingRegistered, CadreLimit.Default, registered);
        var line = 2;
        foreach (var row in rows)
        {
            batch.Add(row, line++);
        }

        return batch.Complete();
    }

    [Fact]
    public void The_sixth_household_of_one_cadre_in_a_file_is_refused_by_line_and_column_and_the_others_are_kept()
    {
        var outcome = Import([.. Enumerable.Range(1, 7).Select(n => Household(n)), Household(8, "李强")]);

        Assert.Equal([Number(1), Number(2), Number(3), Number(4), Number(5), Number(8)], outcome.Households.Select(h => h.Household.Number));
        var held = string.Join("、", Enumerable.Range(1, 5).Select(Number));
        Assert.Equal(
        [
            new ImportError(7, RegisterColumns.ResponsibleCadre, $"帮扶责任人「王芳」（碧城镇）已帮扶5户（户编号{held}），每人帮扶不超过5户"),
            new ImportError(8, RegisterColumns.ResponsibleCadre, $"帮扶责任人「王芳」（碧城镇）已帮扶5户（户编号{held}），每人帮扶不超过5户"),
        ], outcome.Errors);
        Assert.Equal(2, outcome.RejectedRowCount);
    }

    [Fact]
    public void A_cadre_with_five_households_on_the_register_gets_no_sixth_from_a_file()
    {
        var registered = Enumerable.Range(1, 5).ToDictionary(Number, _ => new Cadre("碧城镇", "王芳"));

        var outcome = Import([Household(6), Household(7, "李强")], registered);

        var error = Assert.Single(outcome.Errors);
        Assert.Equal((2, RegisterColumns.ResponsibleCadre), (error.Line, error.Column));
        Assert.Contains("「王芳」（碧城镇）已帮扶5户", error.Reason, StringComparison.Ordinal);
        Assert.Contains(Number(5), error.Reason, StringComparison.Ordinal);
        Assert.Equal(Number(7), Assert.Single(outcome.Households).Household.Number);
    }

    [Fact]
    public void Reimporting_a_cadres_households_and_moving_one_away_frees_its_place()
    {
        var registered = Enumerable.Range(1, 5).ToDictionary(Number, _ => new Cadre("碧城镇", "王芳"));

        // Households 1–4 again, 5 moved to 李强, and a new 6 for 王芳: five in all.
        var outcome = Import([.. Enumerable.Range(1, 4).Select(n => Household(n)), Household(5, "李强"), Household(6)], registered);

        Assert.Empty(outcome.Errors);
        Assert.Equal(6, outcome.Households.Count);
    }

    [Fact]
    public void A_household_already_held_by_an_over_limit_cadre_is_not_refused_again()
    {
        // Imported before the rule: 王芳 holds seven. Re-importing them changes nothing and refuses nothing; an eighth is refused.
        var registered = Enumerable.Range(1, 7).ToDictionary(Number, _ => new Cadre("碧城镇", "王芳"));

        var outcome = Import([.. Enumerable.Range(1, 8).Select(n => Household(n))], registered);

        Assert.Equal(7, outcome.Households.Count);
        Assert.Equal(9, Assert.Single(outcome.Errors).Line);
    }

    [Fact]
    public void A_namesake_in_another_township_is_another_cadre()
    {
        var outcome = Import([.. Enumerable.Range(1, 5).Select(n => Household(n)), Household(6, township: "金山镇", village: "石坝村")]);

        Assert.Empty(outcome.Errors);
    }

    [Fact]
    public void A_household_held_back_for_another_error_does_not_take_a_place()
    {
        var bad = Household(1).With(RegisterColumns.PerCapitaNetIncome, "-1");

        var outcome = Import([bad, .. Enumerable.Range(2, 5).Select(n => Household(n))]);

        Assert.Equal(5, outcome.Households.Count);
        Assert.Equal([RegisterColumns.PerCapitaNetIncome], outcome.Errors.Select(e => e.Column));
    }

    [Fact]
    public void The_limit_is_the_county_rule_sets_and_quotes_seed_003()
    {
        var seed = File.ReadAllText(Directory.GetFiles(SeedDirectory(), "003_*.txt").Single());
        foreach (var ruleSet in StandardCatalog.All)
        {
            Assert.Equal(5, ruleSet.CadreLimit!.MaxHouseholds);
            Assert.Same(ruleSet.CadreLimit, CadreLimit.Of(ruleSet.CountyCode, ruleSet.Year));
        }

        Assert.Equal(CadreLimit.Default, CadreLimit.Of("000000", 2020));
        foreach (var basis in StandardCatalog.All.Select(r => r.CadreLimit!.Basis).Append(CadreLimit.Default.Basis))
        {
            var quote = basis.Split('“', '”')[1];
            Assert.Contains(quote, seed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_rule_set_with_a_limit_below_one_is_refused()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(
            StandardCatalog.For("532331", 2020) with { CadreLimit = new CadreLimit(0, "x") },
            WebJson);

        var refused = Assert.Throws<InvalidDataException>(() => StandardRuleSet.FromJson(json));
        Assert.Contains("cadreLimit", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>../shared/seeds from the repository root, found upward from the test's directory.</summary>
    private static string SeedDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var seeds = Path.Combine(dir.FullName, "shared", "seeds");
            if (Directory.Exists(seeds))
            {
                return seeds;
            }
        }

        throw new DirectoryNotFoundException("No shared/seeds above " + AppContext.BaseDirectory);
    }
}
