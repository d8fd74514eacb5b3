using System.Security.Claims;
using Workflow.App.Exits;
using Workflow.App.Identity;

namespace Workflow.App.Entries.Web;

/// <summary>The county office's HTTP API for entry cases (新识别, 返贫) and the annual 动态调整 window.</summary>
internal static class EntryApiEndpoints
{
    public static void MapEntryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/counties/{county}").RequireAuthorization(CountyRoles.CountyPolicy).WithTags("新识别与返贫纳入");

        api.MapPost("/entries", async (string county, EntryStartRequest request, EntryCaseStarter starter, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (!IsCountyCode(county))
            {
                return Results.Problem("县代码须为 6 位数字。", statusCode: StatusCodes.Status400BadRequest);
            }

            var by = user.Identity?.Name ?? "unknown";
            var outcome = request switch
            {
                { Relapse: { } relapse, NewEntry: null } => await starter.StartRelapseAsync(county, relapse, by, ct),
                { NewEntry: { } newEntry, Relapse: null } => await starter.StartNewEntryAsync(county, newEntry, by, ct),
                _ => StartOutcome.Refused(null, StartRefusal.Invalid, "请只填写 newEntry（新识别）或 relapse（返贫）其中之一。"),
            };
            return outcome switch
            {
                { Case: { } started, Created: true } => Results.Created($"/api/exits/{started.CaseId}", started),
                { Case: { } existing } => Results.Ok(existing),
                _ => Results.Json(outcome, statusCode: outcome.Refusal switch
                {
                    StartRefusal.NotFound => StatusCodes.Status404NotFound,
                    StartRefusal.Conflict => StatusCodes.Status409Conflict,
                    _ => StatusCodes.Status400BadRequest,
                }),
            };
        }).WithSummary("发起新识别或返贫纳入：动态调整窗口外的新识别为即时纳入，须填写突发困难原因");

        api.MapGet("/entries", async (string county, string? kind, ExitCaseStore cases, TimeProvider time, CancellationToken ct) =>
        {
            if (!IsCountyCode(county))
            {
                return Results.Problem("县代码须为 6 位数字。", statusCode: StatusCodes.Status400BadRequest);
            }

            CaseKind? only = kind switch
            {
                null or "" => null,
                nameof(CaseKind.NewEntry) => CaseKind.NewEntry,
                nameof(CaseKind.Relapse) => CaseKind.Relapse,
                _ => CaseKind.Exit,
            };
            if (only == CaseKind.Exit)
            {
                return Results.Problem("kind 须为 NewEntry（新识别）或 Relapse（返贫）。", statusCode: StatusCodes.Status400BadRequest);
            }

            var list = await cases.ListAsync(new ExitCaseQuery(county, Kind: only), time.GetUtcNow(), ct);
            return Results.Ok(list.Where(c => c.Kind != CaseKind.Exit).ToList());
        }).WithSummary("纳入案件列表（新识别、返贫），可按 kind 筛选；案件详情、撤回与退出案件同一接口（/api/exits/{caseId}）");

        api.MapGet("/entry-window", async (string county, EntryWindowStore windows, CancellationToken ct) =>
            IsCountyCode(county)
                ? Results.Ok(await windows.GetAsync(county, windows.CurrentYear, ct) ?? new EntryWindow(county, windows.CurrentYear, string.Empty, default, null, default))
                : Results.Problem("县代码须为 6 位数字。", statusCode: StatusCodes.Status400BadRequest))
            .WithSummary("本年度动态调整窗口");

        api.MapPost("/entry-window", async (string county, EntryWindowChange change, EntryWindowStore windows, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (!IsCountyCode(county))
            {
                return Results.Problem("县代码须为 6 位数字。", statusCode: StatusCodes.Status400BadRequest);
            }

            var by = user.Identity?.Name ?? "unknown";
            return change.Action switch
            {
                "open" => Results.Ok(await windows.OpenAsync(county, windows.CurrentYear, by, ct)),
                "close" => await windows.CloseAsync(county, windows.CurrentYear, by, ct) is { } closed
                    ? Results.Ok(closed)
                    : Results.Problem("本年度动态调整尚未开放，无需关闭。", statusCode: StatusCodes.Status409Conflict),
                _ => Results.Problem("action 须为 open（开放）或 close（关闭）。", statusCode: StatusCodes.Status400BadRequest),
            };
        }).RequireAuthorization(CountyRoles.CountyAdminPolicy).WithSummary("开放或关闭本年度动态调整（县扶贫办负责人）");
    }

    private static bool IsCountyCode(string county) => county.Length == 6 && county.All(char.IsAsciiDigit);
}

/// <summary>One entry to start: a 新识别 or a 返贫, exactly one of the two.</summary>
public sealed record EntryStartRequest(NewEntryRequest? NewEntry, RelapseRequest? Relapse);

/// <summary>open or close the year's 动态调整.</summary>
public sealed record EntryWindowChange(string? Action);
