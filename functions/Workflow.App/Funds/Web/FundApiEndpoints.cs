using System.Security.Claims;
using Workflow.Domain.Funds;
using Workflow.App.Audit;
using Workflow.App.Identity;

namespace Workflow.App.Funds.Web;

/// <summary>The county office's HTTP API for fund allocations (资金分配): enter one, read one with its steps and audit.</summary>
internal static class FundApiEndpoints
{
    public static void MapFundApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(CountyRoles.CountyPolicy).WithTags("扶贫资金拨付");

        api.MapPost("/counties/{county}/funds/allocations", async (string county, FundAllocationForm form, FundEntry entry, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var outcome = await entry.EnterAsync(county, form, user.Identity?.Name ?? "unknown", ct);
            return outcome switch
            {
                { Allocation: { } a, Created: true } => Results.Created($"/api/funds/allocations/{a.AllocationId}", a),
                { Allocation: { } a } => Results.Ok(a),
                _ => Results.Json(new FundRefused("资金分配有误，未登记。", outcome.Problems), statusCode: StatusCodes.Status400BadRequest),
            };
        }).WithSummary("登记一笔下达到乡镇的扶贫资金（资金来源、金额、文号、日期），启动拨付时限跟踪；同一乡镇同一文号只登记一次");

        api.MapGet("/funds/allocations/{allocationId}", async (string allocationId, FundStore funds, AuditLog audit, CancellationToken ct) =>
        {
            var record = await funds.GetAsync(allocationId, ct);
            return record is null
                ? Results.NotFound()
                : Results.Ok(new FundDetail(record, await funds.ListStepsAsync(allocationId, ct), await audit.ReadAsync(allocationId, ct)));
        }).WithSummary("资金分配详情：各拨付环节、时限、督办与审计记录");
    }
}

/// <summary>Why an allocation was not entered: a headline and each problem.</summary>
public sealed record FundRefused(string Title, IReadOnlyList<string> Problems);

/// <summary>An allocation with its steps and its audit trail.</summary>
public sealed record FundDetail(AllocationRecord Record, IReadOnlyList<DisbursementStep> Steps, IReadOnlyList<AuditEntry> Audit);
