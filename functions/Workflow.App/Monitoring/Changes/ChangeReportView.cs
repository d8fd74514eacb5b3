using System.Globalization;
using Workflow.App.Console;
using Workflow.App.Identity;
using Workflow.App.Pages;
using Workflow.App.Register;
using Workflow.Domain.Calendar;
using Workflow.Domain.Monitoring;
using Workflow.Domain.Register;

namespace Workflow.App.Monitoring.Changes;

/// <summary>
/// The console's 月度变动报告 (/console/changes?county=&amp;month=yyyyMM[&amp;township=]): the month's changes per township
/// with the county's totals, each line with its reason, and the same as CSV (format=csv). Household heads and 户编号
/// are shown (the county office's own view); no 身份证号 is read for it.
/// </summary>
internal static class ChangeReportView
{
    public static IReadOnlyList<string> Header { get; } =
        ["乡镇代码", "乡镇", "变动类型", "行政村", "户编号", "户主", "人数", "日期", "案件编号", "变动原因"];

    public static void MapChangeReport(this IEndpointRouteBuilder app) =>
        app.MapGet("/console/changes", ShowAsync).RequireAuthorization(CountyRoles.CountyPolicy);

    private static async Task<IResult> ShowAsync(HttpRequest request, string? county, string? month, string? township, CountyDirectory directory,
        ChangeReportReader reader, TimeProvider time, CancellationToken cancellationToken)
    {
        var (places, refusal) = await ConsoleRequest.FindCountyAsync(county, directory, cancellationToken);
        if (places is null)
        {
            return refusal!;
        }

        var shown = MonitoringMonth.Of(ShanghaiTime.DateOf(time.GetUtcNow()));
        if (month is not null && !MonitoringMonth.TryParse(month, out shown))
        {
            return PageResults.Message("月份有误", "请用 ?month= 指定月份，写作 yyyyMM，例如 ?month=202003。", StatusCodes.Status400BadRequest);
        }

        if (!string.IsNullOrEmpty(township) && places.Townships.All(t => t.Code != township))
        {
            return PageResults.Message("乡镇有误", $"{places.Name}没有该乡镇代码，请从报告页选择乡镇。", StatusCodes.Status404NotFound,
                onward: new PageLink(ChangeReportNotice.PagePath(places.Code, shown), "全县变动报告"));
        }

        var report = (await reader.ReadAsync(places.Code, shown, string.IsNullOrEmpty(township) ? null : township, cancellationToken))!;
        if (ConsoleRequest.WantsCsv(request))
        {
            var name = report.Townships.Count == 1 && !string.IsNullOrEmpty(township) ? report.Townships[0].Township : places.Name;
            return new CsvDownload($"月度变动报告-{name}-{shown.Key}.csv", Header, report.Lines.Select(Cells));
        }

        return PageResults.Page<ChangeReportPage>(new Dictionary<string, object?>
        {
            [nameof(ChangeReportPage.Places)] = places,
            [nameof(ChangeReportPage.Report)] = report,
            [nameof(ChangeReportPage.Township)] = string.IsNullOrEmpty(township) ? null : township,
            [nameof(ChangeReportPage.DueOn)] = ChangeReportNotice.DueOn(shown),
            [nameof(ChangeReportPage.CsvHref)] = ConsoleRequest.CsvHref(request),
        });
    }

    private static IReadOnlyList<string?> Cells(ChangeLine l) =>
    [
        l.TownshipCode, l.Township, ChineseTerms.Of(l.Kind), l.Village, l.HouseholdNumber, l.HeadName, l.People.ToString(CultureInfo.InvariantCulture),
        l.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.CaseId ?? string.Empty, l.Reason,
    ];
}
