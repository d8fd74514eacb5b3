using System.Globalization;
using Workflow.App.Console;
using Workflow.App.Identity;
using Workflow.App.Pages;
using Workflow.App.Register;
using Workflow.Domain.Calendar;
using Workflow.Domain.Monitoring;

namespace Workflow.App.Monitoring.Web;

/// <summary>
/// The console's 动态监测 view (/console/monitoring?county=&amp;month=yyyyMM): the month's checks per township (asked,
/// filed, missing, alerting) and the quarter's 一季一排查 summary per township, each also as CSV (format=csv, and
/// table=quarter for the quarter).
/// </summary>
internal static class MonitoringConsoleView
{
    public static void MapMonitoringConsole(this IEndpointRouteBuilder app) =>
        app.MapGet("/console/monitoring", ShowAsync).RequireAuthorization(CountyRoles.CountyPolicy);

    private static async Task<IResult> ShowAsync(HttpRequest request, string? county, string? month, string? table, CountyDirectory directory, MonitoringReader reader,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var (places, refusal) = await ConsoleRequest.FindCountyAsync(county, directory, cancellationToken);
        if (places is null)
        {
            return refusal!;
        }

        var shown = MonitoringMonth.Of(ShanghaiTime.DateOf(time.GetUtcNow()));
        if (month is not null && !MonitoringMonth.TryParse(month, out shown))
        {
            return PageResults.Message("监测月份有误", "请用 ?month= 指定月份，写作 yyyyMM，例如 ?month=202003。", StatusCodes.Status400BadRequest);
        }

        var summary = await reader.MonthAsync(places.Code, shown, cancellationToken);
        var quarter = await reader.QuarterAsync(places.Code, shown.Year, shown.Quarter, cancellationToken);
        if (ConsoleRequest.WantsCsv(request))
        {
            return table == "quarter"
                ? new CsvDownload($"一季一排查-{places.Name}-{shown.Year}Q{shown.Quarter}.csv", QuarterHeader,
                    quarter.Townships.Append(quarter.Total).Select(QuarterCells))
                : new CsvDownload($"月度监测-{places.Name}-{shown.Key}.csv", ["乡镇代码", "乡镇", "应查户数", "已查户数", "未查户数", "预警户数"],
                    summary.Townships.Append(summary.Total).Select(t => (IReadOnlyList<string?>)
                        [t.TownshipCode ?? string.Empty, t.Township, Number(t.Asked), Number(t.Checked), Number(t.Missing), Number(t.Alerts)]));
        }

        var csv = ConsoleRequest.CsvHref(request);
        return PageResults.Page<MonitoringConsolePage>(new Dictionary<string, object?>
        {
            [nameof(MonitoringConsolePage.Places)] = places,
            [nameof(MonitoringConsolePage.Summary)] = summary,
            [nameof(MonitoringConsolePage.Quarter)] = quarter,
            [nameof(MonitoringConsolePage.CsvHref)] = csv,
            [nameof(MonitoringConsolePage.QuarterCsvHref)] = csv + "&table=quarter",
        });
    }

    public static IReadOnlyList<string> QuarterHeader { get; } =
    [
        "乡镇代码", "乡镇", "监测户数", "每月均已监测户数", "监测次数", "预警次数",
        .. QuarterSummary.Reasons.Select(r => $"预警：{r.Label}"), .. QuarterSummary.Risks.Select(k => $"风险：{QuarterSummary.RiskLabel(k)}"), "死亡人数",
    ];

    private static IReadOnlyList<string?> QuarterCells(TownshipQuarter t) =>
    [
        t.TownshipCode, t.Township, Number(t.Households), Number(t.CheckedEveryMonth), Number(t.Checks), Number(t.AlertingChecks),
        .. QuarterSummary.Reasons.Select(r => Number(t.AlertsByReason[r.Code])), .. QuarterSummary.Risks.Select(k => Number(t.RisksByKind[k])), Number(t.MembersDied),
    ];

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
