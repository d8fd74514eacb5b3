using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using System.Globalization;
using System.Security.Claims;
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

    public static string PathOf(string countyCode, int year) =>
        string.Create(CultureInfo.InvariantCulture, $"/console/ledger?county={Uri.EscapeDataString(countyCode)}&year={year}");

    public static void MapLedgerConsole(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup("/console/ledger").RequireAuthorization(CountyRoles.CountyPolicy);

        console.MapGet("/", async Task<IResult> (HttpRequest request, string? county, int? year, string? source, string? unit, string? township, string? status, bool? overdue,
            RectificationStore items, CountyDirectory counties, TimeProvider time, CancellationToken ct) =>
        {
            var today = LedgerToday.Of(time);
            year ??= today.Year;
            var (query, problem) = LedgerRequest.Read(county, year, source, unit, township, status, overdue);
            if (query is null)
            {
                return Outcome(county ?? string.Empty, "整改台账", problem!, StatusCodes.Status400BadRequest);
            }

            var list = await items.ListAsync(query, today, ct);
            if (ConsoleRequest.WantsCsv(request))
            {
                return new CsvDownload($"整改台账-{query.CountyCode}-{query.Year}.csv", CsvHeader, list.Select(i => CsvRow(i, today)));
            }

            return PageResults.Page<LedgerPage>(new
            {
                Query = query,
                Places = await counties.FindPlacesAsync(query.CountyCode, ct),
                Items = list,
                Today = today,
                CsvHref = ConsoleRequest.CsvHref(request),
            });
        });

        console.MapPost("/findings", async (HttpContext http, ClaimsPrincipal user, FindingEntry entry, CancellationToken ct) =>
        {
            if (!http.Request.HasFormContentType)
            {
                return PageResults.Message("请求格式不正确", "提交的内容不是表单，未登记。请在整改台账页面填写后提交。", StatusCodes.Status400BadRequest);
            }

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
                return Results.Redirect(RectificationPages.PathOf(item.ItemId));
            }

            return Outcome(places!.Code, "反馈问题未登记", "反馈问题有误，未登记：", StatusCodes.Status400BadRequest, outcome.Errors, year);
        });

        console.MapPost("/imports", async (HttpContext http, ClaimsPrincipal user, FindingEntry entry, CancellationToken ct) =>
        {
            var (file, problem) = await FindingUpload.ReadAsync(http.Request, "file", ct);
            if (problem is { } p)
            {
                return PageResults.Message("导入失败", p.Message, p.Status);
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
                return Outcome(places!.Code, "导入失败", e.Message, StatusCodes.Status422UnprocessableEntity, year: year);
            }

            var summary = $"读取为 {report.Format}：正确 {report.Kept} 行，新登记 {report.Added} 条，此前已登记 {report.AlreadyEntered} 条；" +
                          $"有误 {report.Errors.Select(e => e.Line).Distinct().Count()} 行（未登记，请改正后重新导入）。";
            return Outcome(places!.Code, "反馈问题导入结果", summary, StatusCodes.Status200OK, report.Errors, year, ok: true,
                new Dictionary<string, object> { ["data-kept"] = report.Kept, ["data-added"] = report.Added });
        }).WithMetadata(new RequestSizeLimitAttribute(FindingUpload.MaxRequestBytes));
    }

    private static async Task<(County? County, int Year, IResult? Refusal)> CountyAndYearAsync(IFormCollection form, FindingEntry entry, CancellationToken ct)
    {
        var places = await entry.FindCountyAsync(form["county"].ToString(), ct);
        if (places is null)
        {
            return (null, 0, PageResults.Message("未登记", "没有该县（市、区）的名册，请先导入名册。", StatusCodes.Status404NotFound));
        }

        if (!int.TryParse(form["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || !entry.IsCampaignYear(year))
        {
            return (places, 0, Outcome(places.Code, "未登记", "年度不在可登记的范围内。", StatusCodes.Status400BadRequest));
        }

        return (places, year, null);
    }

    private static RazorComponentResult<LedgerOutcomePage> Outcome(string countyCode, string title, string message, int status, IReadOnlyList<ImportError>? errors = null, int? year = null,
        bool ok = false, IReadOnlyDictionary<string, object>? attributes = null) =>
        PageResults.Page<LedgerOutcomePage>(new Dictionary<string, object?>
        {
            [nameof(LedgerOutcomePage.CountyCode)] = countyCode,
            [nameof(LedgerOutcomePage.Title)] = title,
            [nameof(LedgerOutcomePage.Message)] = message,
            [nameof(LedgerOutcomePage.Ok)] = ok,
            [nameof(LedgerOutcomePage.MessageAttributes)] = attributes,
            [nameof(LedgerOutcomePage.Errors)] = errors ?? [],
            [nameof(LedgerOutcomePage.Back)] = year is { } y ? new PageLink(PathOf(countyCode, y), "返回整改台账") : null,
        }, status);

    private static IReadOnlyList<string?> CsvRow(RectificationItem i, DateOnly today) =>
    [
        i.ItemId, i.Finding.SourceName, i.Finding.Category, i.Finding.Description, i.Finding.Township, i.Finding.ResponsibleUnit,
        Shown.Date(i.Deadline), Shown.Date(i.Finding.Deadline), ChineseTerms.Of(i.Status), i.Stage == OverdueStage.None ? null : ChineseTerms.Of(i.Stage),
        i.Round.ToString(CultureInfo.InvariantCulture), i.IsOverdue(today) ? "是" : "否", i.SendBackReason, i.EnteredBy,
        i.ClosedAt is { } closed ? Shown.Time(closed) : null,
    ];
}
