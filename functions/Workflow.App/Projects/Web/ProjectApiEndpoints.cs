using System.Security.Claims;
using Workflow.Domain.Projects;
using Workflow.App.Audit;
using Workflow.App.Identity;

namespace Workflow.App.Projects.Web;

/// <summary>The county office's HTTP API for the project bank (扶贫项目库): propose, decide a step, record a quarter, read one.</summary>
internal static class ProjectApiEndpoints
{
    public static void MapProjectApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(CountyRoles.CountyPolicy).WithTags("扶贫项目");

        api.MapPost("/counties/{county}/projects", async (string county, ProjectForm form, ProjectLedger ledger, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await ledger.ProposeAsync(county, form, user.Identity?.Name ?? "unknown", ct), "项目未登记。", created: true))
            .WithSummary("登记村级申报的扶贫项目（乡镇、村、名称、投资额），进入项目库流程（三评一审、六步三公示）");

        api.MapPost("/projects/{projectId}/steps/{step}", async (string projectId, string step, ProjectStepDecision decision, ProjectLedger ledger, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await ledger.DecideAsync(projectId, step, decision.Outcome, decision.Note, user.Identity?.Name ?? "unknown", ct), "项目步骤未办理。"))
            .WithSummary("办理项目当前步骤（评议、审批、公示结果、实施、验收）；每个步骤只办理一次");

        api.MapPost("/projects/{projectId}/quarters", async (string projectId, ProjectQuarterForm form, ProjectLedger ledger, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await ledger.RecordQuarterAsync(projectId, form.Quarter, form.Income, form.Dividends, user.Identity?.Name ?? "unknown", "County", ct), "季度收益未登记。"))
            .WithSummary("登记运营项目的季度收益和分红；折合年收益率低于底线（10%）的项目提示县扶贫办");

        api.MapGet("/projects/{projectId}", async (string projectId, ProjectStore store, AuditLog audit, CancellationToken ct) =>
            await store.GetAsync(projectId, ct) is { } record ? Results.Ok(new ProjectDetail(record, await audit.ReadAsync(projectId, ct))) : Results.NotFound())
            .WithSummary("项目详情：所处步骤、已办步骤、季度收益与审计记录");
    }

    private static IResult Answer(ProjectOutcomeResult result, string title, bool created = false) => result.Record switch
    {
        { } record when created => Results.Created(ProjectLedger.PathOf(record.Project.ProjectId), record),
        { } record => Results.Ok(record),
        _ => Results.Json(new ProjectRefused(title, result.Problems), statusCode: StatusCodes.Status400BadRequest),
    };
}

/// <summary>How the county ends a step, with an optional note (e.g. why an objection was dismissed).</summary>
public sealed record ProjectStepDecision(ProjectOutcome Outcome, string? Note);

/// <summary>A quarter's figures as entered: the quarter ("2026Q3"), income and dividends in yuan.</summary>
public sealed record ProjectQuarterForm(string? Quarter, decimal? Income, decimal? Dividends);

/// <summary>Why a request on a project changed nothing: a headline and each problem.</summary>
public sealed record ProjectRefused(string Title, IReadOnlyList<string> Problems);

/// <summary>A project with its audit trail.</summary>
public sealed record ProjectDetail(ProjectRecord Record, IReadOnlyList<AuditEntry> Audit);
