using Workflow.Domain.Standards;

namespace Workflow.Domain.Tests.Standards;

public class HouseholdIndicatorTests
{
    private static readonly StandardRuleSet Taonan2018 = StandardCatalog.For("220881", 2018);
    private static readonly StandardRuleSet Lufeng2020 = StandardCatalog.For("532331", 2020);

    [Theory]
    [InlineData(3600, false)]
    [InlineData(3599.99, false)]
    [InlineData(3600.01, true)]
    [InlineData(0, false)]
    public void IncomeMustBeAboveTheLineNotAtIt(decimal income, bool passes)
    {
        // 002 task 29: “年人均纯收入超过3600元” — exactly the line fails.
        var result = Taonan2018.EvaluateHousehold(HouseholdConditions.AllSecured(income))["income"];

        Assert.Equal(passes, result.Passed);
        Assert.Equal(income, result.Value.Number);
        Assert.Equal(new Threshold(Comparison.Above, 3600m, "元"), result.Threshold);
    }

    [Theory]
    [InlineData(4000, false)]
    [InlineData(4000.01, true)]
    public void TheLineIsPerCountyAndYear(decimal income, bool passes)
    {
        Assert.Equal(4000m, Lufeng2020.IncomeLine);
        Assert.Equal(passes, Lufeng2020.EvaluateHousehold(HouseholdConditions.AllSecured(income))["income"].Passed);
    }

    [Fact]
    public void AHouseholdMeetingAllSevenCanBeProposedForExit()
    {
        var evaluation = Taonan2018.EvaluateHousehold(HouseholdConditions.AllSecured(5000m));

        Assert.Equal(7, evaluation.Results.Count);
        Assert.True(evaluation.AllPassed);
        Assert.True(Taonan2018.CanProposeExit(HouseholdConditions.AllSecured(5000m)).CanProposeExit);
    }

    public static TheoryData<string, HouseholdConditions> EachFailingCondition => new()
    {
        { "food", HouseholdConditions.AllSecured(5000m) with { FoodSecure = false } },
        { "clothing", HouseholdConditions.AllSecured(5000m) with { ClothingSecure = false } },
        { "education", HouseholdConditions.AllSecured(5000m) with { CompulsoryEducationSecured = false } },
        { "medical", HouseholdConditions.AllSecured(5000m) with { BasicMedicalCareSecured = false } },
        { "housing", HouseholdConditions.AllSecured(5000m) with { HousingSafe = false } },
        { "water", HouseholdConditions.AllSecured(5000m) with { DrinkingWaterSafe = false } },
        { "income", HouseholdConditions.AllSecured(3600m) },
    };

    [Theory]
    [MemberData(nameof(EachFailingCondition))]
    public void FailingAnyIndicatorBlocksTheExitProposalAndNamesIt(string code, HouseholdConditions conditions)
    {
        var eligibility = Taonan2018.CanProposeExit(conditions);

        Assert.False(eligibility.CanProposeExit);
        var failing = Assert.Single(eligibility.FailingIndicators);
        Assert.Equal(code, failing.Indicator.Code);
        Assert.NotEmpty(failing.Evidence);
    }

    [Fact]
    public void EveryFailingIndicatorIsListed()
    {
        var conditions = HouseholdConditions.AllSecured(3000m) with { HousingSafe = false, DrinkingWaterSafe = false };

        var eligibility = Lufeng2020.CanProposeExit(conditions);

        Assert.Equal(["income", "housing", "water"], eligibility.FailingIndicators.Select(r => r.Indicator.Code));
    }

    [Fact]
    public void YesNoIndicatorsShowTheirValueAndThreshold()
    {
        var result = Taonan2018.EvaluateHousehold(HouseholdConditions.AllSecured(5000m) with { FoodSecure = false })["food"];

        Assert.Equal("否", result.Value.ToString());
        Assert.Equal("须达到", result.Threshold.ToString());
        Assert.Equal("不愁吃", result.Indicator.Name);
    }
}
