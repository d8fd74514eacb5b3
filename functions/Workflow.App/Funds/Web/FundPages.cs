using Workflow.Domain.Calendar;
using Workflow.App.Identity;
using Workflow.App.Pages;

namespace Workflow.App.Funds.Web;

/// <summary>The county office's pages of allocations (signed in): one allocation's steps, deadlines and 督办单.</summary>
internal static class FundPages
{
    public static void MapFundPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/funds/{allocationId}", async Task<IResult> (string allocationId, FundStore funds, TimeProvider time, CancellationToken ct) =>
        {
            var record = await funds.GetAsync(allocationId, ct);
            return record is null
                ? PageResults.Message("没有这笔资金分配", "没有找到这笔资金分配，请从控制台重新打开。", StatusCodes.Status404NotFound)
                : PageResults.Page<AllocationPage>(new { Record = record, Steps = await funds.ListStepsAsync(allocationId, ct), Today = ShanghaiTime.DateOf(time.GetUtcNow()) });
        }).RequireAuthorization(CountyRoles.CountyPolicy);
    }
}
