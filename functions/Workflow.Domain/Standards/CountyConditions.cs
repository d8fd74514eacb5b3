namespace Workflow.Domain.Standards;

/// <summary>
/// The county-wide figures an exit assessment (贫困县摘帽) measures. Rates and shares are percentages (98.5 means
/// 98.5%), as the documents state them.
/// </summary>
/// <param name="RuralPopulation">农村户籍人口.</param>
/// <param name="PoorPopulation">Registered poor people not yet exited.</param>
/// <param name="IdentificationAccuracy">建档立卡贫困人口识别准确率.</param>
/// <param name="DataEntryAccuracy">贫困户数据采集录入准确率.</param>
/// <param name="ExitAccuracy">脱贫人口退出准确率.</param>
/// <param name="MissedAssessmentRate">贫困人口漏评率.</param>
/// <param name="Satisfaction">群众对扶贫工作满意度.</param>
/// <param name="PolicyAwareness">群众政策知晓率.</param>
/// <param name="PensionEnrolment">城乡居民基本养老保险参保率 of eligible poor people.</param>
/// <param name="MedicalInsuranceEnrolment">农村新型合作医疗参合率 of poor people.</param>
/// <param name="SafeHousingRate">贫困户住房安全比率.</param>
/// <param name="PerCapitaNetIncome">贫困人口年人均纯收入, yuan.</param>
/// <param name="WrongExitRate">错退率 (national 三率一度).</param>
/// <param name="PublicRecognition">群众认可度 (national 三率一度).</param>
public sealed record CountyConditions(
    int RuralPopulation,
    int PoorPopulation,
    decimal IdentificationAccuracy,
    decimal DataEntryAccuracy,
    decimal ExitAccuracy,
    decimal MissedAssessmentRate,
    decimal Satisfaction,
    decimal PolicyAwareness,
    decimal PensionEnrolment,
    decimal MedicalInsuranceEnrolment,
    decimal SafeHousingRate,
    decimal PerCapitaNetIncome,
    decimal WrongExitRate,
    decimal PublicRecognition)
{
    private static readonly Dictionary<string, Func<CountyConditions, Measurement>> Measures = new(StringComparer.Ordinal)
    {
        ["incidence"] = c => Measurement.Of(PovertyIncidence.Percent(c.PoorPopulation, c.RuralPopulation)),
        ["identificationAccuracy"] = c => Measurement.Of(c.IdentificationAccuracy),
        ["dataEntryAccuracy"] = c => Measurement.Of(c.DataEntryAccuracy),
        ["exitAccuracy"] = c => Measurement.Of(c.ExitAccuracy),
        ["missedAssessmentRate"] = c => Measurement.Of(c.MissedAssessmentRate),
        ["satisfaction"] = c => Measurement.Of(c.Satisfaction),
        ["policyAwareness"] = c => Measurement.Of(c.PolicyAwareness),
        ["pension"] = c => Measurement.Of(c.PensionEnrolment),
        ["medicalInsurance"] = c => Measurement.Of(c.MedicalInsuranceEnrolment),
        ["housing"] = c => Measurement.Of(c.SafeHousingRate),
        ["income"] = c => Measurement.Of(c.PerCapitaNetIncome),
        ["wrongExitRate"] = c => Measurement.Of(c.WrongExitRate),
        ["publicRecognition"] = c => Measurement.Of(c.PublicRecognition),
    };

    /// <summary>The codes of 002's eleven county indicators.</summary>
    internal static IReadOnlyList<string> CountyCodes { get; } =
    [
        "incidence", "identificationAccuracy", "dataEntryAccuracy", "exitAccuracy", "missedAssessmentRate",
        "satisfaction", "policyAwareness", "pension", "medicalInsurance", "housing", "income",
    ];

    /// <summary>The codes of the national 三率一度: incidence, wrong exits, missed assessments, recognition.</summary>
    internal static IReadOnlyList<string> NationalAssessmentCodes { get; } =
        ["incidence", "wrongExitRate", "missedAssessmentRate", "publicRecognition"];

    internal Measurement Measure(string code) => Measures[code](this);
}
