using System.Security.Claims;
using Workflow.App.Console;
using Workflow.App.Identity;
using Workflow.App.Pages;
using Workflow.App.Register;

namespace Workflow.App.Projects.Web;

/// <summary>
/// 扶贫项目 in the county console (/console/projects?county=…): the county's projects with the step each waits on, its
/// latest quarter's yield, those below the line flagged first; and the form that records a quarter of one in operation.
/// </summary>
internal static class ProjectConsole
{
    public static string PathOf(string countyCode) => $"/console/projects?county={Uri.EscapeDataString(countyCode)}";

    public static void MapProjectConsole(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup("/console/projects").RequireAuthorization(CountyRoles.CountyPolicy);

        console.MapGet("/", async Task<IResult> (string? county, ProjectStore store, ProjectLedger ledger, CountyDirectory counties, CancellationToken ct) =>
        {
            var (places, refusal) = await ConsoleRequest.FindCountyAsync(county, counties, ct);
            return refusal ?? PageResults.Page<ProjectConsolePage>(new { Places = places!, Rows = await store.ListAsync(places!.Code, ct), ledger.Procedure });
        });

        console.MapPost("/quarters", async Task<IResult> (HttpContext http, ClaimsPrincipal user, ProjectLedger ledger, CancellationToken ct) =>
        {
            if (!http.Request.HasFormContentType)
            {
                return PageResults.Message("请求格式不正确", "提交的内容不是表单，未登记。请在扶贫项目页面填写后提交。", StatusCodes.Status400BadRequest);
            }

            var form = await http.Request.ReadFormAsync(ct);
            var county = form["county"].ToString();
            var result = await ledger.RecordQuarterAsync(form["project"].ToString(), form["quarter"], ProjectForm.Amount(form["income"]), ProjectForm.Amount(form["dividends"]),
                user.Identity?.Name ?? "unknown", "County", ct);
            return result.Record is not null
                ? Results.Redirect(PathOf(county))
                : PageResults.Message("季度收益未登记", "季度收益有误，未登记：" + string.Join(" ", result.Problems), StatusCodes.Status400BadRequest,
                    onward: new PageLink(PathOf(county), "返回扶贫项目"));
        });
    }
}
