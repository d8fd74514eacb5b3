using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Workflow.Domain.Standards;
using Workflow.App.Audit;
using Workflow.App.Evidence;
using Workflow.App.Identity;
using Workflow.App.Pages;
using Workflow.App.Register;

namespace Workflow.App.Exits.Web;

/// <summary>
/// The county office's pages for exit cases: the filtered list with the household search and the start form, a case
/// with its whole history, and its withdrawal. These load and check; the Razor components next to them show.
/// </summary>
internal static class ExitCasePages
{
    /// <summary>Households a search lists: a screen's worth on a phone.</summary>
    private const int MatchesShown = 20;

    public static void MapExitPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/exits").RequireAuthorization(CountyRoles.CountyPolicy);
        pages.MapGet("/", ListAsync);
        pages.MapPost("/start", StartAsync);
        pages.MapGet("/{caseId}", CaseAsync);
        pages.MapGet("/{caseId}/evidence/{evidenceId}", async (string caseId, string evidenceId, EvidenceStore evidence, CancellationToken ct) =>
            await evidence.ReadLinkAsync(caseId, evidenceId, ct) is { } uri ? Results.Redirect(uri.ToString()) : Results.NotFound());
        pages.MapPost("/{caseId}/withdraw", WithdrawAsync);
    }

    // Query values are read as text and checked here: a typed parameter would answer an odd value with a binding failure.
    private static async Task<IResult> ListAsync(HttpRequest request, ExitCaseStore cases, CountyDirectory directory, RegisterStore register, TimeProvider time,
        CancellationToken ct)
    {
        var query = request.Query;
        var county = query["county"].ToString().Trim();
        if (!CountyDirectory.IsCountyCode(county))
        {
            var problem = county.Length == 0 ? null : "县代码须为 6 位数字，例如 /exits?county=532331。";
            return PageResults.Page<ExitCountyChoicePage>(new { Counties = await directory.ListAsync(ct), Problem = problem },
                problem is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
        }

        var places = await directory.FindPlacesAsync(county, ct);
        var (filter, refused) = ExitListFilter.Parse(county, query["township"], query["step"], query["status"], query["overdue"], places);
        var find = query["find"].ToString().Trim();
        if (find.Length > ExitStartForm.FindLength)
        {
            refused = $"查找内容不超过 {ExitStartForm.FindLength} 个字：请输入户主姓名或户编号开头。";
        }

        if (filter is null || refused is not null)
        {
            return PageResults.Message("筛选条件有误", refused!, StatusCodes.Status400BadRequest,
                note: "本次未查询任何案件。", onward: new PageLink($"/exits?county={county}", "返回案件列表（全部）"));
        }

        var (matches, more) = find.Length == 0 ? (null, false) : await register.SearchAsync(county, find, MatchesShown, ct);
        var household = query["household"].ToString().Trim() is { Length: > 0 } chosen ? chosen : null;
        var start = new ExitStartState(find.Length == 0 ? null : find, matches, more, household, await ChosenAsync(register, county, household, ct));
        var now = time.GetUtcNow();
        return PageResults.Page<ExitCaseListPage>(new
        {
            CountyCode = county,
            CountyName = places?.Name,
            Places = places,
            Filter = filter,
            Cases = await cases.ListAsync(filter.Query, now, ct),
            Now = now,
            Start = start,
        });
    }

    /// <summary>The household the start form is filled with, when it is a 户编号 a case can have and is on the register.</summary>
    private static async Task<HouseholdMatch?> ChosenAsync(RegisterStore register, string county, string? household, CancellationToken ct)
    {
        if (household is null || ExitCaseId.CountyOf(ExitCaseId.For(county, household, 1)) != county
            || await register.FindHouseholdAsync(county, household, ct) is not { } found)
        {
            return null;
        }

        return new HouseholdMatch(found.Household.Number, found.Household.Head.Name, found.TownshipCode, found.Township, found.VillageCode, found.Village, found.Household.Status);
    }

    private static async Task<IResult> StartAsync(HttpContext http, ClaimsPrincipal user, ExitCaseStarter starter, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var county = form["county"].ToString();
        if (!CountyDirectory.IsCountyCode(county))
        {
            return PageResults.Message("无法发起", "县代码须为 6 位数字。", StatusCodes.Status400BadRequest, note: "未发起任何案件。", onward: new PageLink("/exits", "返回"));
        }

        var household = form["household"].ToString().Trim();
        var back = $"/exits?county={county}&household={Uri.EscapeDataString(household)}#start";
        if (!decimal.TryParse(form["income"], NumberStyles.Number, CultureInfo.InvariantCulture, out var income) || income < 0)
        {
            return PageResults.Message("无法发起", "人均纯收入须为不小于 0 的数字（元）。", StatusCodes.Status400BadRequest,
                note: "未发起任何案件。", onward: new PageLink(back, "返回重填"));
        }

        bool Secured(string field) => form[field] == "true";
        var conditions = new HouseholdConditions(income, Secured("food"), Secured("clothing"), Secured("education"), Secured("medical"), Secured("housing"), Secured("water"));
        var outcome = await starter.StartAsync(county, new StartExitRequest(household, conditions), user.Identity?.Name ?? "unknown", ct);
        if (outcome.Case is { } started)
        {
            return Results.Redirect($"/exits/{Uri.EscapeDataString(started.CaseId)}");
        }

        return PageResults.Page<ExitStartRefusedPage>(new
        {
            Message = outcome.Message ?? "未能发起。",
            Refusal = outcome.Refusal?.ToString() ?? string.Empty,
            Failing = outcome.FailingIndicators ?? [],
            Back = back,
        }, outcome.Refusal == StartRefusal.IndicatorsFailed ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> CaseAsync(string caseId, ExitCaseStore cases, EvidenceStore evidence, AuditLog audit, ObjectionIntake objections, TimeProvider time,
        CancellationToken ct)
    {
        if (await cases.GetAsync(caseId, ct) is not { } c)
        {
            return UnknownCase(caseId);
        }

        return PageResults.Page<ExitCasePage>(new
        {
            Case = c,
            Evidence = await evidence.ListAsync(caseId, ct),
            Timeline = await cases.ReadTimelineAsync(caseId, ct),
            Objections = await objections.ListAsync(caseId, ct),
            Audit = await audit.ReadAsync(caseId, ct),
            Now = time.GetUtcNow(),
        });
    }

    private static async Task<IResult> WithdrawAsync(string caseId, HttpContext http, ClaimsPrincipal user, ExitCaseStore cases, DurableTaskClient client,
        TimeProvider time, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var problem = await ExitApiEndpoints.WithdrawAsync(caseId, form["reason"], user, cases, client, time, ct);
        return problem switch
        {
            null => Results.Redirect($"/exits/{Uri.EscapeDataString(caseId)}"),
            { Status: StatusCodes.Status404NotFound } => UnknownCase(caseId),
            { } p => PageResults.Message("无法撤回", p.Message, p.Status, note: "案件未作任何更改。",
                onward: new PageLink($"/exits/{Uri.EscapeDataString(caseId)}", "返回案件")),
        };
    }

    /// <summary>A case id nobody has: says so, with the way back to the county's list (or to the choice of county when the id names none).</summary>
    private static RazorComponentResult<MessagePage> UnknownCase(string caseId) => PageResults.Message(
        "案件不存在",
        $"案件 {(caseId.Length <= 60 ? caseId : caseId[..60] + "…")} 不存在：编号有误，或本系统中没有这个案件。",
        StatusCodes.Status404NotFound,
        note: "案件编号形如 532331-户编号-1（县代码-户编号-第几次申请）；请从案件列表打开案件。",
        onward: new PageLink(ExitCaseId.CountyOf(caseId) is { } county ? $"/exits?county={county}" : "/exits", "返回案件列表"),
        attributes: new Dictionary<string, object> { ["data-unknown-case"] = caseId.Length <= 60 ? caseId : caseId[..60] });
}
