using System.Globalization;

namespace Workflow.App.Funds.Reports;

/// <summary>
/// The month a township's fund-use report (资金使用情况月报) covers. 003: “建立定期报告制度，镇街道每月向区扶贫开发领导
/// 小组报告资金使用情况。” A month is reported from its last day (so the link is there by month end) until the last day
/// of the next, when the next month's report takes over.
/// </summary>
public sealed record FundReportMonth(DateOnly First)
{
    public DateOnly Last => First.AddMonths(1).AddDays(-1);

    /// <summary>yyyy-MM: the link's step and the report's key.</summary>
    public string Key => First.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>e.g. 2026年3月.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{First.Year}年{First.Month}月");

    /// <summary>The month being reported on <paramref name="today"/>: this one on its last day, else the one before.</summary>
    public static FundReportMonth On(DateOnly today)
    {
        var first = new DateOnly(today.Year, today.Month, 1);
        return new FundReportMonth(today == first.AddMonths(1).AddDays(-1) ? first : first.AddMonths(-1));
    }

    public static FundReportMonth? Parse(string key) =>
        DateOnly.TryParseExact(key + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) ? new FundReportMonth(first) : null;
}
