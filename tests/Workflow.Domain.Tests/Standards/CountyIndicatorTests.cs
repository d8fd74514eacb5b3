using Workflow.Domain.Standards;

namespace Workflow.Domain.Tests.Standards;

public class CountyIndicatorTests
{
    private static readonly StandardRuleSet Taonan2018 = StandardCatalog.For("220881", 2018);

    private static readonly CountyConditions Good = new(
        RuralPopulation: 100_000, PoorPopulation: 1_000, IdentificationAccuracy: 100m, DataEntryAccuracy: 100m, ExitAccuracy: 99m,
        MissedAssessmentRate: 0.5m, Satisfaction: 95m, PolicyAwareness: 100m, PensionEnrolment: 99m, MedicalInsuranceEnrolment: 99m,
        SafeHousingRate: 99m, PerCapitaNetIncome: 5200m, WrongExitRate: 0.4m, PublicRecognition: 94m);

    [Fact]
    public void ACountyMeetingEveryIndicatorCanExit()
    {
        var evaluation = Taonan2018.EvaluateCounty(Good);

        Assert.Equal(11, evaluation.Indicators.Results.Count);
        Assert.Equal(4, evaluation.NationalAssessment.Results.Count);
        Assert.True(evaluation.CanExit);
    }

    public static TheoryData<string, CountyConditions, CountyConditions> Boundaries => new()
    {
        // code, exactly at the documented number, just on the other side
        { "incidence", Good with { PoorPopulation = 2_000 }, Good with { PoorPopulation = 1_999 } },                   // 低于2%: 2% fails
        { "identificationAccuracy", Good with { IdentificationAccuracy = 99.99m }, Good with { IdentificationAccuracy = 100m } }, // 达到100%
        { "dataEntryAccuracy", Good with { DataEntryAccuracy = 99.99m }, Good with { DataEntryAccuracy = 100m } },
        { "exitAccuracy", Good with { ExitAccuracy = 97.99m }, Good with { ExitAccuracy = 98m } },                       // 98%以上: 98% passes
        { "missedAssessmentRate", Good with { MissedAssessmentRate = 2m }, Good with { MissedAssessmentRate = 1.99m } }, // 低于2%: 2% fails
        { "satisfaction", Good with { Satisfaction = 89.99m }, Good with { Satisfaction = 90m } },                        // 90%以上: 90% passes
        { "policyAwareness", Good with { PolicyAwareness = 99.9m }, Good with { PolicyAwareness = 100m } },
        { "pension", Good with { PensionEnrolment = 97.99m }, Good with { PensionEnrolment = 98m } },
        { "medicalInsurance", Good with { MedicalInsuranceEnrolment = 97.99m }, Good with { MedicalInsuranceEnrolment = 98m } }, // ≥98%
        { "housing", Good with { SafeHousingRate = 97.99m }, Good with { SafeHousingRate = 98m } },
        { "income", Good with { PerCapitaNetIncome = 3600m }, Good with { PerCapitaNetIncome = 3600.01m } },             // 超过3600: 3600 fails
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void EachCountyIndicatorHoldsItsBoundary(string code, CountyConditions failing, CountyConditions passing)
    {
        Assert.False(Taonan2018.EvaluateCounty(failing).Indicators[code].Passed);
        Assert.True(Taonan2018.EvaluateCounty(passing).Indicators[code].Passed);
        Assert.False(Taonan2018.EvaluateCounty(failing).CanExit);
    }

    public static TheoryData<string, CountyConditions, CountyConditions> NationalBoundaries => new()
    {
        { "incidence", Good with { PoorPopulation = 2_000 }, Good with { PoorPopulation = 1_999 } },
        { "wrongExitRate", Good with { WrongExitRate = 2m }, Good with { WrongExitRate = 1.99m } },               // 低于2%
        { "missedAssessmentRate", Good with { MissedAssessmentRate = 2m }, Good with { MissedAssessmentRate = 1.99m } },
        { "publicRecognition", Good with { PublicRecognition = 90m }, Good with { PublicRecognition = 90.01m } }, // 高于90%: 90% fails
    };

    [Theory]
    [MemberData(nameof(NationalBoundaries))]
    public void EachOfSanLvYiDuHoldsItsBoundaryAndBlocksExitAlone(string code, CountyConditions failing, CountyConditions passing)
    {
        var evaluation = Taonan2018.EvaluateCounty(failing);

        Assert.False(evaluation.NationalAssessment[code].Passed);
        Assert.False(evaluation.CanExit);
        Assert.True(Taonan2018.EvaluateCounty(passing).NationalAssessment[code].Passed);
    }

    [Fact]
    public void NinetyPercentSatisfiesTheCountyButNotTheNationalRecognitionBar()
    {
        var evaluation = Taonan2018.EvaluateCounty(Good with { Satisfaction = 90m, PublicRecognition = 90m });

        Assert.True(evaluation.Indicators["satisfaction"].Passed);
        Assert.False(evaluation.NationalAssessment["publicRecognition"].Passed);
        Assert.Equal(["publicRecognition"], evaluation.NationalAssessment.Failing.Select(r => r.Indicator.Code));
    }

    [Fact]
    public void TheWesternCountyUsesThreePercent()
    {
        var lufeng = StandardCatalog.For("532331", 2020);
        var atTwoPointFive = Good with { PoorPopulation = 2_500, PerCapitaNetIncome = 4500m };

        Assert.True(lufeng.EvaluateCounty(atTwoPointFive).CanExit);
        Assert.False(lufeng.EvaluateCounty(atTwoPointFive with { PoorPopulation = 3_000 }).CanExit);
    }
}
