using Workflow.Domain.Standards;

namespace Workflow.Domain.Tests.Standards;

public class VillageIndicatorTests
{
    private static readonly StandardRuleSet Taonan2018 = StandardCatalog.For("220881", 2018);
    private static readonly StandardRuleSet Lufeng2020 = StandardCatalog.For("532331", 2020);

    private static readonly VillageConditions Good = new(
        RuralPopulation: 1000, PoorPopulation: 10, CollectiveIncome: 120_000m, HardenedRoad: true, Electricity: true,
        SafeDrinkingWater: true, BroadcastTelevision: true, Telecommunications: true, OfficeArea: 260m, StandardClinic: true,
        CultureRoom: true, IncomeProject: true, SanitationSystem: true, Preschool: true, FitnessVenue: true, EmploymentSupport: true);

    [Fact]
    public void AVillageMeetingAllFifteenPasses()
    {
        var evaluation = Taonan2018.EvaluateVillage(Good);

        Assert.Equal(15, evaluation.Results.Count);
        Assert.True(evaluation.AllPassed);
    }

    [Theory]
    [InlineData(20, false)] // exactly 2%: “低于2%” fails
    [InlineData(19, true)]
    [InlineData(21, false)]
    [InlineData(0, true)]
    public void IncidenceMustBeBelowTwoPercent(int poor, bool passes)
    {
        var result = Taonan2018.EvaluateVillage(Good with { PoorPopulation = poor })["incidence"];

        Assert.Equal(passes, result.Passed);
        Assert.Equal(poor / 10m, result.Value.Number);
    }

    [Theory]
    [InlineData(30, false)] // exactly 3% in the west fails
    [InlineData(29, true)]
    public void IncidenceInTheWestMustBeBelowThreePercent(int poor, bool passes) =>
        Assert.Equal(passes, Lufeng2020.EvaluateVillage(Good with { PoorPopulation = poor })["incidence"].Passed);

    [Fact]
    public void IncidenceIsExactForAwkwardPopulations()
    {
        // 2 of 100 is exactly 2% and fails; 3 of 151 is 1.986…% and passes.
        Assert.False(Taonan2018.EvaluateVillage(Good with { RuralPopulation = 100, PoorPopulation = 2 })["incidence"].Passed);
        Assert.True(Taonan2018.EvaluateVillage(Good with { RuralPopulation = 151, PoorPopulation = 3 })["incidence"].Passed);
    }

    [Theory]
    [InlineData(50_000, true)] // “达到5万元” includes 50,000
    [InlineData(49_999.99, false)]
    public void CollectiveIncomeMustReachFiftyThousand(decimal income, bool passes) =>
        Assert.Equal(passes, Taonan2018.EvaluateVillage(Good with { CollectiveIncome = income })["collectiveIncome"].Passed);

    [Theory]
    [InlineData(20_000, true)] // 004: “达2—5万元”
    [InlineData(19_999, false)]
    public void LufengCollectiveIncomeMustReachTwentyThousand(decimal income, bool passes) =>
        Assert.Equal(passes, Lufeng2020.EvaluateVillage(Good with { CollectiveIncome = income })["collectiveIncome"].Passed);

    [Theory]
    [InlineData(200, true)] // “200平方米以上” includes 200
    [InlineData(199.9, false)]
    public void OfficeMustBeAtLeastTwoHundredSquareMetres(decimal area, bool passes) =>
        Assert.Equal(passes, Taonan2018.EvaluateVillage(Good with { OfficeArea = area })["office"].Passed);

    public static TheoryData<string, VillageConditions> EachMissingFacility => new()
    {
        { "road", Good with { HardenedRoad = false } },
        { "electricity", Good with { Electricity = false } },
        { "water", Good with { SafeDrinkingWater = false } },
        { "broadcastTelevision", Good with { BroadcastTelevision = false } },
        { "telecommunications", Good with { Telecommunications = false } },
        { "clinic", Good with { StandardClinic = false } },
        { "culture", Good with { CultureRoom = false } },
        { "incomeProject", Good with { IncomeProject = false } },
        { "sanitation", Good with { SanitationSystem = false } },
        { "preschool", Good with { Preschool = false } },
        { "fitness", Good with { FitnessVenue = false } },
        { "employment", Good with { EmploymentSupport = false } },
    };

    [Theory]
    [MemberData(nameof(EachMissingFacility))]
    public void EachOfWuTongShiYouFailsOnItsOwn(string code, VillageConditions conditions)
    {
        var failing = Assert.Single(Taonan2018.EvaluateVillage(conditions).Failing);

        Assert.Equal(code, failing.Indicator.Code);
        Assert.NotEmpty(failing.Evidence);
    }

    [Theory]
    [InlineData(5, 5, 100, true)]
    [InlineData(4, 5, 80, true)] // “达到10万元的80%以上” includes 80%
    [InlineData(3, 5, 60, false)]
    public void EightyPercentOfPoorVillagesMustReachOneHundredThousand(int reaching, int villages, decimal share, bool passes)
    {
        var incomes = Enumerable.Range(0, villages).Select(i => i < reaching ? 100_000m : 60_000m).ToList();

        var result = Taonan2018.EvaluateCollectiveIncomeCoverage(incomes)["villagesReaching100000"];

        Assert.Equal(share, result.Value.Number);
        Assert.Equal(passes, result.Passed);
    }

    [Fact]
    public void EveryPoorVillageMustReachFiftyThousand()
    {
        var evaluation = Taonan2018.EvaluateCollectiveIncomeCoverage([50_000m, 120_000m, 49_999m]);

        Assert.False(evaluation["villagesReaching50000"].Passed);
        Assert.True(Taonan2018.EvaluateCollectiveIncomeCoverage([50_000m, 120_000m, 150_000m, 100_000m, 100_000m]).AllPassed);
    }
}
