using Microsoft.AspNetCore.Mvc;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Workflow.Domain.Rectification;
using Workflow.Domain.Register;
using Workflow.App.Console;
using Workflow.App.Identity;
using Workflow.App.Pages;
using Workflow.App.Register;

namespace Workflow.App.Rectification.Web;

/// <summary>
/// 整改台账 in the county console: the year's items with the same filters as the API, a CSV download of what is on
/// screen, links to each item and its 督办单, a form to enter a finding and one to import a findings file.
/// </summary>
internal static class LedgerConsole
{
    private static readonly string[] CsvHeader = ["编号", .. FindingColumns.InOrder, "原整改时限", "状态", "督办", "轮次", "逾期", "退回理由", "登记人", "销号时间"];

    public static void MapLedgerConsole(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup("/console/ledger").RequireAuthorization(CountyRoles.CountyPolicy);

        console.MapGet("/", async (HttpRequest request, string? county, int? year, string? source, string? unit, string? township, string? status, bool? overdue,
            RectificationStore items, CountyDirectory counties, TimeProvider time, CancellationToken ct) =>
        {
            var today = LedgerToday.Of(time);
            year ??= today.Year;
            var (query, problem) = LedgerRequest.Read(county, year, source, unit, township, status, overdue);
            if (query is null)
            {
                return ConsolePage.Render(ConsoleView.Ledger, county ?? string.Empty, "整改台账", $"<p class=\"bad\">{E(problem!)}</p>", StatusCodes.Status400BadRequest);
            }

            var list = await items.ListAsync(query, today, ct);
            if (ConsolePage.WantsCsv(request))
            {
                return new CsvDownload($"整改台账-{query.CountyCode}-{query.Year}.csv", CsvHeader, list.Select(i => CsvRow(i, today)));
            }

            var places = await counties.FindPlacesAsync(query.CountyCode, ct);
            return ConsolePage.Render(ConsoleView.Ledger, query.CountyCode, $"整改台账（{query.Year} 年度）",
                Filters(query, places) + ConsolePage.CsvLink(request) + Table(list, today) + Forms(query, places));
        });

        console.MapPost("/findings", async (HttpContext http, ClaimsPrincipal user, FindingEntry entry, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var (places, year, refusal) = await CountyAndYearAsync(form, entry, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            var outcome = await entry.EnterAsync(places!, year, new FindingForm(form["source"], form["category"], form["description"], form["township"],
                form["unit"], form["deadline"]), user.Identity?.Name ?? "unknown", ct);
            if (outcome.Item is { } item)
            {
                return Results.Redirect($"/rectifications/{Uri.EscapeDataString(item.ItemId)}");
            }

            return ConsolePage.Render(ConsoleView.Ledger, places!.Code, "反馈问题未登记",
                $"<p class=\"bad\">反馈问题有误，未登记：</p>{Errors(outcome.Errors)}{Back(places.Code, year)}", StatusCodes.Status400BadRequest);
        });

        console.MapPost("/imports", async (HttpContext http, ClaimsPrincipal user, FindingEntry entry, CancellationToken ct) =>
        {
            var (file, problem) = await FindingUpload.ReadAsync(http.Request, "file", ct);
            if (problem is { } p)
            {
                return PageLayout.Page("导入失败", $"<p class=\"bad\">{E(p.Message)}</p>", p.Status);
            }

            var (places, year, refusal) = await CountyAndYearAsync(await http.Request.ReadFormAsync(ct), entry, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            FindingImportReport report;
            try
            {
                report = await entry.ImportAsync(places!, year, file!.Value.Name, file.Value.Content, user.Identity?.Name ?? "unknown", ct);
            }
            catch (RegisterFileRejectedException e)
            {
                return ConsolePage.Render(ConsoleView.Ledger, places!.Code, "导入失败", $"<p class=\"bad\">{E(e.Message)}</p>{Back(places.Code, year)}",
                    StatusCodes.Status422UnprocessableEntity);
            }

            var summary = $"<p class=\"ok\" data-kept=\"{report.Kept}\" data-added=\"{report.Added}\">读取为 {E(report.Format)}：正确 {report.Kept} 行，新登记 {report.Added} 条，" +
                          $"此前已登记 {report.AlreadyEntered} 条；有误 {report.Errors.Select(e => e.Line).Distinct().Count()} 行（未登记，请改正后重新导入）。</p>";
            return ConsolePage.Render(ConsoleView.Ledger, places!.Code, "反馈问题导入结果", summary + Errors(report.Errors) + Back(places.Code, year));
        }).WithMetadata(new RequestSizeLimitAttribute(FindingUpload.MaxRequestBytes));
    }

    private static async Task<(County? County, int Year, IResult? Refusal)> CountyAndYearAsync(IFormCollection form, FindingEntry entry, CancellationToken ct)
    {
        var places = await entry.FindCountyAsync(form["county"].ToString(), ct);
        if (places is null)
        {
            return (null, 0, PageLayout.Page("未登记", "<p class=\"bad\">没有该县（市、区）的名册，请先导入名册。</p>", StatusCodes.Status404NotFound));
        }

        if (!int.TryParse(form["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || !entry.IsCampaignYear(year))
        {
            return (places, 0, ConsolePage.Render(ConsoleView.Ledger, places.Code, "未登记", "<p class=\"bad\">年度不在可登记的范围内。</p>", StatusCodes.Status400BadRequest));
        }

        return (places, year, null);
    }

    private static string Filters(RectificationQuery q, County? places)
    {
        var townships = (places?.Townships ?? []).Select(t => (t.Code, t.Name));
        return $"""
            <form method="get" class="filters">
            <input type="hidden" name="county" value="{E(q.CountyCode)}">
            年度 <input name="year" value="{q.Year}" size="5">
            来源 <select name="source"><option value="">全部</option>{Options(Enum.GetValues<FindingSource>().Select(s => (s.ToString(), ChineseTerms.Of(s))), q.Source?.ToString())}</select>
            责任单位 <input name="unit" value="{E(q.ResponsibleUnit ?? string.Empty)}" size="10">
            乡镇 <select name="township"><option value="">全部</option>{Options(townships, q.Township)}</select>
            状态 <select name="status"><option value="">全部</option>{Options(Enum.GetValues<RectificationStatus>().Select(s => (s.ToString(), ChineseTerms.Of(s))), q.Status?.ToString())}</select>
            <label><input type="checkbox" name="overdue" value="true"{(q.OverdueOnly == true ? " checked" : string.Empty)}> 仅逾期</label>
            <button type="submit">筛选</button>
            </form>
            """;
    }

    private static string Table(IReadOnlyList<RectificationItem> list, DateOnly today)
    {
        var rows = new StringBuilder();
        foreach (var i in list)
        {
            var id = Uri.EscapeDataString(i.ItemId);
            var notice = i.Stage != OverdueStage.None ? $" <a href=\"{E(SupervisionNotice.PathOf(i.ItemId))}\">督办单</a>" : string.Empty;
            rows.Append(CultureInfo.InvariantCulture, $"<tr data-item=\"{E(i.ItemId)}\"><td><a href=\"/rectifications/{id}\">{E(i.ItemId)}</a></td><td>{E(ChineseTerms.Of(i.Finding.Source))}</td>" +
                        $"<td>{E(i.Finding.Category)}</td><td class=\"description\">{E(i.Finding.Description)}</td><td>{E(i.Finding.Township ?? "（县级）")}</td>" +
                        $"<td>{E(i.Finding.ResponsibleUnit)}</td><td>{LedgerFormat.Day(i.Deadline)}</td><td>{E(ChineseTerms.Of(i.Status))}</td>" +
                        $"<td class=\"{(i.IsOverdue(today) ? "bad" : string.Empty)}\">{(i.IsOverdue(today) ? "逾期" : string.Empty)}{(i.Stage == OverdueStage.None ? string.Empty : " " + E(ChineseTerms.Of(i.Stage)))}{notice}</td></tr>");
        }

        var open = list.Count(i => i.Status != RectificationStatus.Closed);
        return $"<p class=\"note\">共 {list.Count} 条，未销号 {open} 条，逾期 {list.Count(i => i.IsOverdue(today))} 条。</p>" +
               $"<table class=\"ledger\"><tr><th>编号</th><th>来源</th><th>类别</th><th>问题描述</th><th>乡镇</th><th>责任单位</th><th>整改时限</th><th>状态</th><th>逾期 / 督办</th></tr>{rows}</table>";
    }

    private static string Forms(RectificationQuery q, County? places)
    {
        var townships = (places?.Townships ?? []).Select(t => (t.Name, t.Name));
        var hidden = $"<input type=\"hidden\" name=\"county\" value=\"{E(q.CountyCode)}\"><input type=\"hidden\" name=\"year\" value=\"{q.Year}\">";
        return $"""
            <details><summary>登记一条反馈问题</summary>
            <form method="post" action="/console/ledger/findings">
            {hidden}
            <p>来源 <select name="source" required>{Options(ChineseTerms.All<FindingSource>().Select(s => (s, s)), null)}</select>
               类别 <input name="category" required maxlength="{FindingRowValidator.MaxCategoryLength}" size="12">
               乡镇 <select name="township"><option value="">（县级）</option>{Options(townships, null)}</select></p>
            <p><label>问题描述<br><textarea name="description" rows="3" required maxlength="{FindingRowValidator.MaxDescriptionLength}" style="width:100%"></textarea></label></p>
            <p>责任单位 <input name="unit" required maxlength="{FindingRowValidator.MaxUnitLength}" size="16">
               整改时限 <input name="deadline" type="date" required></p>
            <p><button type="submit">登记</button></p>
            </form></details>
            <details><summary>导入反馈问题清单（.csv / .xlsx）</summary>
            <form method="post" action="/console/ledger/imports" enctype="multipart/form-data">
            {hidden}
            <p class="note">表头：{E(string.Join("、", FindingColumns.InOrder))}（乡镇可空）。重复导入同一文件不会重复登记。</p>
            <p><input type="file" name="file" required accept=".csv,.xlsx"> <button type="submit">导入</button></p>
            </form></details>
            """;
    }

    private static IReadOnlyList<string?> CsvRow(RectificationItem i, DateOnly today) =>
    [
        i.ItemId, ChineseTerms.Of(i.Finding.Source), i.Finding.Category, i.Finding.Description, i.Finding.Township, i.Finding.ResponsibleUnit,
        LedgerFormat.Day(i.Deadline), LedgerFormat.Day(i.Finding.Deadline), ChineseTerms.Of(i.Status), i.Stage == OverdueStage.None ? null : ChineseTerms.Of(i.Stage),
        i.Round.ToString(CultureInfo.InvariantCulture), i.IsOverdue(today) ? "是" : "否", i.SendBackReason, i.EnteredBy,
        i.ClosedAt is { } closed ? PageLayout.Time(closed) : null,
    ];

    private static string Errors(IReadOnlyList<ImportError> errors)
    {
        if (errors.Count == 0)
        {
            return string.Empty;
        }

        var rows = string.Concat(errors.Select(e => $"<tr><td>{e.Line}</td><td>{E(e.Column)}</td><td>{E(e.Reason)}</td></tr>"));
        return $"<table class=\"errors\"><tr><th>行号</th><th>列</th><th>原因</th></tr>{rows}</table>";
    }

    private static string Back(string county, int year) => $"<p><a href=\"/console/ledger?county={E(county)}&amp;year={year}\">返回整改台账</a></p>";

    private static string Options(IEnumerable<(string Value, string Label)> options, string? selected) =>
        string.Concat(options.Select(o => $"<option value=\"{E(o.Value)}\"{(o.Value == selected ? " selected" : string.Empty)}>{E(o.Label)}</option>"));

    private static string E(string text) => PageLayout.Html.Encode(text);
}
