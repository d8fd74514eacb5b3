using System.Globalization;
using System.Text;
using Workflow.Domain.Calendar;
using Workflow.Domain.Exits;
using Workflow.App.Exits;
using Workflow.App.Pages;
using Workflow.App.Register;

namespace Workflow.App.Console;

/// <summary>
/// /console/exits — the exit pipeline (退出进度): townships × steps, each count a link to the case list filtered to
/// those cases, the county's total, and the same matrix as CSV.
/// </summary>
internal static class ExitPipelinePage
{
    public static async Task<IResult> ShowAsync(
        HttpRequest request, string? county, CountyDirectory directory, ExitCaseStore cases, TimeProvider time, CancellationToken cancellationToken)
    {
        var (places, refusal) = await ConsoleRequest.FindCountyAsync(county, directory, cancellationToken);
        if (places is null)
        {
            return refusal!;
        }

        var now = time.GetUtcNow();
        var procedure = ExitProcedureCatalog.For(places.Code, ShanghaiTime.DateOf(now).Year);
        var pipeline = ExitPipeline.Count(places, procedure, await cases.ReadStandingsAsync(places.Code, cancellationToken), now);
        if (ConsolePage.WantsCsv(request))
        {
            return new CsvDownload($"退出进度-{places.Name}-{places.Code}.csv", Header(pipeline), pipeline.Townships.Append(pipeline.Total).Select(r => Cells(pipeline, r)));
        }

        var head = new StringBuilder("<tr><th>乡镇</th>");
        foreach (var step in pipeline.Steps)
        {
            head.Append(CultureInfo.InvariantCulture, $"<th class=\"num\">{E(step.Name)}</th>");
        }

        head.Append("<th class=\"num\">办理中合计</th><th class=\"num\">超期</th><th class=\"num\">已退出</th><th class=\"num\">未通过</th><th class=\"num\">已撤回</th></tr>");
        var rows = new StringBuilder();
        foreach (var row in pipeline.Townships)
        {
            rows.Append(Row(places.Code, pipeline, row, "<tr>"));
        }

        rows.Append(Row(places.Code, pipeline, pipeline.Total, "<tr class=\"total\">"));
        var body = $"""
            <p class="note">{E(places.Name)}（{E(places.Code)}）· 截至 {PageLayout.Time(now)} · 每个数字可点开对应的案件清单。“超期”为当前环节已过办理期限的办理中案件。</p>
            <div class="scroll"><table class="matrix" id="exit-pipeline">{head}{rows}</table></div>
            {ConsolePage.CsvLink(request)}
            """;
        return ConsolePage.Render(ConsoleView.Exits, places.Code, "退出进度", body);
    }

    private static string Row(string countyCode, ExitPipeline pipeline, ExitPipelineRow row, string open)
    {
        var cells = new StringBuilder(open).Append(CultureInfo.InvariantCulture, $"<th data-township=\"{E(row.TownshipCode ?? string.Empty)}\">{E(row.Name)}</th>");
        foreach (var step in pipeline.Steps)
        {
            cells.Append(Count(row.AtStep(step.Code), countyCode, row.TownshipCode, $"step={Uri.EscapeDataString(step.Code)}&status={ExitCaseStatus.InProgress}"));
        }

        cells.Append(Count(row.InProgress, countyCode, row.TownshipCode, $"status={ExitCaseStatus.InProgress}"))
            .Append(Count(row.Overdue, countyCode, row.TownshipCode, "overdue=true"))
            .Append(Count(row.Approved, countyCode, row.TownshipCode, $"status={ExitCaseStatus.Approved}"))
            .Append(Count(row.Rejected, countyCode, row.TownshipCode, $"status={ExitCaseStatus.Rejected}"))
            .Append(Count(row.Withdrawn, countyCode, row.TownshipCode, $"status={ExitCaseStatus.Withdrawn}"))
            .Append("</tr>");
        return cells.ToString();
    }

    /// <summary>A count that links to the case list it counts; a zero has nothing to open.</summary>
    private static string Count(int count, string countyCode, string? townshipCode, string filter)
    {
        if (count == 0)
        {
            return "<td class=\"num\">0</td>";
        }

        var township = townshipCode is null ? string.Empty : $"&township={Uri.EscapeDataString(townshipCode)}";
        var href = $"/exits?county={Uri.EscapeDataString(countyCode)}{township}&{filter}";
        return string.Create(CultureInfo.InvariantCulture, $"<td class=\"num\"><a href=\"{E(href)}\">{count}</a></td>");
    }

    private static string[] Header(ExitPipeline pipeline) =>
        ["乡镇代码", "乡镇", .. pipeline.Steps.Select(s => s.Name), "办理中合计", "超期", "已退出", "未通过", "已撤回"];

    private static string?[] Cells(ExitPipeline pipeline, ExitPipelineRow row) =>
    [
        row.TownshipCode ?? string.Empty, row.Name, .. pipeline.Steps.Select(s => Number(row.AtStep(s.Code))),
        Number(row.InProgress), Number(row.Overdue), Number(row.Approved), Number(row.Rejected), Number(row.Withdrawn),
    ];

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string E(string text) => PageLayout.Html.Encode(text);
}
