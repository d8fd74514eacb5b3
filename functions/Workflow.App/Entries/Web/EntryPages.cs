using System.Globalization;
using System.Security.Claims;
using Workflow.App.Exits;
using Workflow.App.Identity;
using Workflow.App.Pages;
using Workflow.App.Register;

namespace Workflow.App.Entries.Web;

/// <summary>
/// The county office's entry page and its two start forms. They live under /exits (entry cases are read on the exit
/// case pages), so the Functions host's exits trigger serves them too.
/// </summary>
internal static class EntryPages
{
    public static void MapEntryPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/exits/entries").RequireAuthorization(CountyRoles.CountyPolicy);
        pages.MapGet("/", ListAsync);
        pages.MapPost("/relapse", RelapseAsync);
        pages.MapPost("/new", NewEntryAsync);
        pages.MapPost("/window", WindowAsync).RequireAuthorization(CountyRoles.CountyAdminPolicy);
    }

    private static async Task<IResult> ListAsync(string? county, ClaimsPrincipal user, CountyDirectory directory, ExitCaseStore cases, EntryWindowStore windows, TimeProvider time, CancellationToken ct)
    {
        if (!CountyDirectory.IsCountyCode(county))
        {
            return PageResults.Message("请选择县", "县代码须为 6 位数字，例如 /exits/entries?county=532331。", StatusCodes.Status400BadRequest);
        }

        var places = await directory.FindPlacesAsync(county, ct);
        var year = windows.CurrentYear;
        var all = await cases.ListAsync(new ExitCaseQuery(county), time.GetUtcNow(), ct);
        return PageResults.Page<EntryStartPage>(new
        {
            CountyCode = county,
            CountyName = places?.Name,
            Places = places,
            Year = year,
            Window = await windows.GetAsync(county, year, ct),
            MayChangeWindow = user.IsInRole(CountyRoles.CountyAdmin),
            Cases = (IReadOnlyList<ExitCase>)[.. all.Where(c => c.Kind != CaseKind.Exit).OrderByDescending(c => c.StartedAt)],
        });
    }

    private static async Task<IResult> RelapseAsync(HttpContext http, ClaimsPrincipal user, EntryCaseStarter starter, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var county = form["county"].ToString();
        if (!CountyDirectory.IsCountyCode(county))
        {
            return Refused("县代码须为 6 位数字。", "/exits", StatusCodes.Status400BadRequest);
        }

        var request = new RelapseRequest(form["household"].ToString().Trim(), form["reason"], form["proposedBy"], form["source"]);
        return Shown(await starter.StartRelapseAsync(county, request, user.Identity?.Name ?? "unknown", ct), county);
    }

    private static async Task<IResult> NewEntryAsync(HttpContext http, ClaimsPrincipal user, EntryCaseStarter starter, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var county = form["county"].ToString();
        if (!CountyDirectory.IsCountyCode(county))
        {
            return Refused("县代码须为 6 位数字。", "/exits", StatusCodes.Status400BadRequest);
        }

        var members = Enumerable.Range(0, EntryStartPage.MemberRows)
            .Select(i => new NewEntryMember(form[$"member{i}.name"].ToString().Trim(), form[$"member{i}.id"].ToString().Trim().ToUpperInvariant(), form[$"member{i}.relationship"]))
            .Where(m => m.Name!.Length > 0 || m.IdNumber!.Length > 0)
            .ToList();
        decimal? income = decimal.TryParse(form["income"], NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var request = new NewEntryRequest(form["township"], form["village"].ToString().Trim(), members, form["cause"], income, form["cadre"].ToString().Trim(),
            form["reason"], form["hardship"]);
        return Shown(await starter.StartNewEntryAsync(county, request, user.Identity?.Name ?? "unknown", ct), county);
    }

    /// <summary>The office's head opens or closes the year's 动态调整 (the page's buttons; the API does the same).</summary>
    private static async Task<IResult> WindowAsync(HttpContext http, ClaimsPrincipal user, EntryWindowStore windows, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var county = form["county"].ToString();
        if (!CountyDirectory.IsCountyCode(county))
        {
            return WindowRefused("县代码须为 6 位数字。", "/exits", StatusCodes.Status400BadRequest);
        }

        var back = $"/exits/entries?county={county}";
        var by = user.Identity?.Name ?? "unknown";
        switch (form["action"].ToString())
        {
            case "open":
                await windows.OpenAsync(county, windows.CurrentYear, by, ct);
                return Results.Redirect(back);
            case "close":
                return await windows.CloseAsync(county, windows.CurrentYear, by, ct) is not null
                    ? Results.Redirect(back)
                    : WindowRefused("本年度动态调整尚未开放，无需关闭。", back, StatusCodes.Status409Conflict);
            default:
                return WindowRefused("请选择开放或关闭动态调整。", back, StatusCodes.Status400BadRequest);
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<MessagePage> WindowRefused(string message, string back, int status) =>
        PageResults.Message("未能更改动态调整", message, status, note: "动态调整窗口未作更改。", onward: new PageLink(back, "返回"));

    private static IResult Shown(StartOutcome outcome, string county) => outcome.Case is { } started
        ? Results.Redirect($"/exits/{Uri.EscapeDataString(started.CaseId)}")
        : Refused(outcome.Message ?? "未能发起。", $"/exits/entries?county={county}",
            outcome.Refusal == StartRefusal.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);

    private static Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult<MessagePage> Refused(string message, string back, int status) =>
        PageResults.Message("未能发起纳入", message, status, note: "未发起任何案件。", onward: new PageLink(back, "返回重填"));
}
