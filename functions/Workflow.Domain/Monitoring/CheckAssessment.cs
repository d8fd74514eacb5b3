using System.Globalization;
using Workflow.Domain.Standards;

namespace Workflow.Domain.Monitoring;

/// <summary>
/// 监测研判 — whether a monthly check raises an alert (预警), and why. It is held against the county's standard for the
/// year with the same seven household indicators an exit check uses (<see cref="StandardRuleSet.EvaluateHousehold"/>):
/// the expected annual income per person against the year's line, and each of 两不愁三保障 and 饮水安全. No threshold of
/// its own: whatever the county's rule set says an exit needs, a monitored household losing it is an alert. New risks
/// (重病、灾害、失业、死亡) are recorded and counted but do not alert by themselves: they are why the cadre watches, and
/// the income or a guarantee they break is what the alert names.
/// </summary>
/// <param name="Reasons">One zh-CN sentence per failed indicator, in the rule set's order; empty when nothing alerts.</param>
/// <param name="FailedCodes">The failed indicators' codes (income, food, …), for counting alerts by reason.</param>
public sealed record CheckAssessment(IReadOnlyList<string> Reasons, IReadOnlyList<string> FailedCodes)
{
    public bool Alerts => Reasons.Count > 0;

    public static CheckAssessment Of(MonthlyCheck check, StandardRuleSet standard)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(standard);
        var evaluation = standard.EvaluateHousehold(new HouseholdConditions(
            check.ExpectedPerCapitaNetIncome, check.FoodSecure, check.ClothingSecure, check.CompulsoryEducationSecured,
            check.BasicMedicalCareSecured, check.HousingSafe, check.DrinkingWaterSafe));
        var failing = evaluation.Failing;
        return new CheckAssessment([.. failing.Select(r => Describe(r, standard))], [.. failing.Select(r => r.Indicator.Code)]);
    }

    private static string Describe(IndicatorResult result, StandardRuleSet standard) =>
        result.Indicator.Code == "income"
            ? string.Create(CultureInfo.InvariantCulture,
                $"预计全年人均纯收入 {result.Value.Number:0.##} 元，未超过{standard.CountyName}{standard.Year}年扶贫标准 {standard.IncomeLine:0.##} 元。")
            : $"{result.Indicator.Name}未达标。";
}
