namespace Workflow.Domain.Standards;

/// <summary>The facts found for one poor village (贫困村) in an exit check, measured by the fifteen village indicators.</summary>
/// <param name="RuralPopulation">农村户籍人口, the denominator of 贫困发生率.</param>
/// <param name="PoorPopulation">Registered poor people not yet exited.</param>
/// <param name="CollectiveIncome">村集体经济收入 for the year, yuan.</param>
/// <param name="HardenedRoad">通硬化路 (五通: 通路).</param>
/// <param name="Electricity">通生活用电 (五通: 通电).</param>
/// <param name="SafeDrinkingWater">饮水安全 (五通: 通水).</param>
/// <param name="BroadcastTelevision">广播电视户户通 (五通).</param>
/// <param name="Telecommunications">通讯网络村村通 (五通: 通信息).</param>
/// <param name="OfficeArea">村级组织活动场所建筑面积, m² (十有: 有办公房).</param>
/// <param name="StandardClinic">标准化卫生室 (十有: 有卫生室服务).</param>
/// <param name="CultureRoom">文化活动室达标 (十有: 有文化娱乐场所).</param>
/// <param name="IncomeProject">有致富项目 (十有).</param>
/// <param name="SanitationSystem">有卫生保洁制度 (十有).</param>
/// <param name="Preschool">有学前教育 (十有).</param>
/// <param name="FitnessVenue">有健身场所 (十有).</param>
/// <param name="EmploymentSupport">有就业保障措施 (十有).</param>
public sealed record VillageConditions(
    int RuralPopulation,
    int PoorPopulation,
    decimal CollectiveIncome,
    bool HardenedRoad,
    bool Electricity,
    bool SafeDrinkingWater,
    bool BroadcastTelevision,
    bool Telecommunications,
    decimal OfficeArea,
    bool StandardClinic,
    bool CultureRoom,
    bool IncomeProject,
    bool SanitationSystem,
    bool Preschool,
    bool FitnessVenue,
    bool EmploymentSupport)
{
    private static readonly Dictionary<string, Func<VillageConditions, Measurement>> Measures = new(StringComparer.Ordinal)
    {
        ["incidence"] = c => Measurement.Of(PovertyIncidence.Percent(c.PoorPopulation, c.RuralPopulation)),
        ["collectiveIncome"] = c => Measurement.Of(c.CollectiveIncome),
        ["road"] = c => Measurement.Of(c.HardenedRoad),
        ["electricity"] = c => Measurement.Of(c.Electricity),
        ["water"] = c => Measurement.Of(c.SafeDrinkingWater),
        ["broadcastTelevision"] = c => Measurement.Of(c.BroadcastTelevision),
        ["telecommunications"] = c => Measurement.Of(c.Telecommunications),
        ["office"] = c => Measurement.Of(c.OfficeArea),
        ["clinic"] = c => Measurement.Of(c.StandardClinic),
        ["culture"] = c => Measurement.Of(c.CultureRoom),
        ["incomeProject"] = c => Measurement.Of(c.IncomeProject),
        ["sanitation"] = c => Measurement.Of(c.SanitationSystem),
        ["preschool"] = c => Measurement.Of(c.Preschool),
        ["fitness"] = c => Measurement.Of(c.FitnessVenue),
        ["employment"] = c => Measurement.Of(c.EmploymentSupport),
    };

    internal static IReadOnlyCollection<string> Codes => Measures.Keys;

    internal Measurement Measure(string code) => Measures[code](this);
}
