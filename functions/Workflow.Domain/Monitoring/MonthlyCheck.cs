namespace Workflow.Domain.Monitoring;

/// <summary>
/// 月度监测 — what the 帮扶责任人 found at one monitored household in one month.
/// </summary>
/// <remarks>
/// Income is asked as 预计全年人均纯收入 (the year's expected net income per person, 元): the line it is held against is
/// per person per year, and a cadre estimates that figure the way the register's 人均纯收入 is filled in. Income so far
/// this year, prorated to twelve months, would put every farming household below the line in spring and above it after
/// the harvest; the expected annual figure does not.
/// </remarks>
/// <param name="HouseholdNumber">户编号.</param>
/// <param name="Month">监测月份.</param>
/// <param name="CheckedOn">入户日期 (Beijing date).</param>
/// <param name="ExpectedPerCapitaNetIncome">预计全年人均纯收入, 元 per person.</param>
/// <param name="FoodSecure">不愁吃.</param>
/// <param name="ClothingSecure">不愁穿.</param>
/// <param name="CompulsoryEducationSecured">义务教育有保障.</param>
/// <param name="BasicMedicalCareSecured">基本医疗有保障.</param>
/// <param name="HousingSafe">住房安全有保障.</param>
/// <param name="DrinkingWaterSafe">饮水安全有保障.</param>
/// <param name="Risks">新发生的风险.</param>
/// <param name="CheckedBy">监测人 (the name the cadre signs with).</param>
public sealed record MonthlyCheck(
    string HouseholdNumber,
    MonitoringMonth Month,
    DateOnly CheckedOn,
    decimal ExpectedPerCapitaNetIncome,
    bool FoodSecure,
    bool ClothingSecure,
    bool CompulsoryEducationSecured,
    bool BasicMedicalCareSecured,
    bool HousingSafe,
    bool DrinkingWaterSafe,
    NewRisks Risks,
    string CheckedBy);

/// <summary>
/// 新发生风险 — what happened to the household since the last check. Deaths are counted, not flagged: 002 asks for the
/// month's 自然死亡贫困人口数量 (seed 002_5f21325f1a4d38f3.txt: “每半个月入户回访一次，并指派专人每月统计一次辖区内新发生的符合纳入条件贫困人口、返贫人口、自然死亡贫困人口数量，详细记录每名贫困人口调整变动原因，月底前上报扶贫办。”).
/// </summary>
/// <param name="SeriousIllness">重病.</param>
/// <param name="Disaster">灾害.</param>
/// <param name="LostWork">失业/务工中断.</param>
/// <param name="MembersDied">家庭成员死亡人数.</param>
/// <param name="Other">其他风险 (free text, may be empty).</param>
public sealed record NewRisks(bool SeriousIllness, bool Disaster, bool LostWork, int MembersDied, string? Other)
{
    public static NewRisks None { get; } = new(false, false, false, 0, null);

    /// <summary>The kinds of risk reported, as the quarterly summary counts them.</summary>
    public IReadOnlyList<RiskKind> Kinds =>
    [
        .. SeriousIllness ? [RiskKind.SeriousIllness] : Array.Empty<RiskKind>(),
        .. Disaster ? [RiskKind.Disaster] : Array.Empty<RiskKind>(),
        .. LostWork ? [RiskKind.LostWork] : Array.Empty<RiskKind>(),
        .. MembersDied > 0 ? [RiskKind.Death] : Array.Empty<RiskKind>(),
        .. string.IsNullOrWhiteSpace(Other) ? Array.Empty<RiskKind>() : [RiskKind.Other],
    ];
}
