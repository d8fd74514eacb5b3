using System.Security.Claims;
using Workflow.Domain.Campaigns;
using Workflow.Domain.Plans;
using Workflow.App.Exits.Web;
using Workflow.App.Identity;

namespace Workflow.App.Campaigns.Web;

/// <summary>The county office's HTTP API for the annual campaign (documented at /openapi/v1.json): start, status, advance, start a phase early, tasks.</summary>
internal static class CampaignApiEndpoints
{
    public static void MapCampaignApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/counties/{county}/campaigns").RequireAuthorization(CountyRoles.CountyPolicy).WithTags("年度脱贫攻坚");

        api.MapPost("/", async (string county, StartCampaignRequest request, CampaignStarter starter, CancellationToken ct) =>
        {
            if (!ExitApiEndpoints.IsCountyCode(county))
            {
                return Results.Problem("县代码须为 6 位数字。", statusCode: StatusCodes.Status400BadRequest);
            }

            var plan = request.Plan;
            if (plan is null)
            {
                var template = PlanTemplates.All.FirstOrDefault(p => p.CountyCode == county && p.Year == request.Year);
                if (template is null)
                {
                    return Results.Problem("没有该县该年度的计划模板，请提交计划。", statusCode: StatusCodes.Status404NotFound);
                }

                plan = template;
            }

            var outcome = await starter.StartAsync(county, plan, ct);
            return outcome switch
            {
                { InstanceId: null } => Results.Json(outcome, statusCode: StatusCodes.Status422UnprocessableEntity),
                { Created: true } => Results.Created($"/api/counties/{county}/campaigns/{plan.Year}", outcome),
                _ => Results.Ok(outcome),
            };
        }).WithSummary("按已校验的计划启动年度攻坚（未提交计划时用该县该年度的模板）；计划有问题时返回全部问题");

        api.MapGet("/{year:int}", async (string county, int year, CampaignReader reader, CancellationToken ct) =>
            await reader.ReadAsync(county, year, ct) is { } status ? Results.Ok(status) : Results.NotFound())
            .WithSummary("攻坚状态：当前阶段、剩余天数、推进条件、任务、未销号整改事项、历程");

        api.MapPost("/{year:int}/advance", async (string county, int year, AdvanceRequest request, CampaignCommands commands, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var outcome = await commands.AdvanceAsync(county, year, request.From, request.Override, request.Reason, user, ct);
            return Results.Json(outcome, statusCode: outcome.Status);
        }).WithSummary("推进：结束当前阶段（from）进入下一阶段；条件未满足时返回 409 和全部阻碍项，负责人可填写理由强制推进");

        api.MapPost("/{year:int}/start", async (string county, int year, StartPhaseRequest request, CampaignCommands commands, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var outcome = await commands.StartPhaseAsync(county, year, request.Phase, user, ct);
            return Results.Json(outcome, statusCode: outcome.Status);
        }).WithSummary("提前启动待启动的阶段");

        api.MapGet("/{year:int}/tasks", async (string county, int year, TrackedTaskStatus? status, string? unit, CampaignReader reader, CancellationToken ct) =>
            await reader.ReadAsync(county, year, ct) is { } campaign
                ? Results.Ok(campaign.Tasks.Where(t => (status is null || t.Status == status) && (unit is null || t.Task.LeadUnits.Contains(unit))).ToList())
                : Results.NotFound())
            .WithSummary("任务清单，可按状态、牵头单位筛选");
    }
}

public sealed record StartCampaignRequest(int? Year, AnnualPlan? Plan);

public sealed record AdvanceRequest(string? From, bool Override = false, string? Reason = null);

public sealed record StartPhaseRequest(string? Phase);
