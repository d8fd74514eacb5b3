using System.Globalization;
using System.Security.Claims;
using Workflow.Domain.Funds;
using Workflow.App.Console;
using Workflow.App.Funds.Objections;
using Workflow.App.Funds.Reports;
using Workflow.App.Identity;
using Workflow.App.Pages;
using Workflow.App.Register;

namespace Workflow.App.Funds.Web;

/// <summary>
/// 扶贫资金 in the county console (/console/funds?county=…): the county's allocations with where each stands, the form
/// that enters one, each township's monthly fund-use report (资金使用情况月报) status, its 资金公告公示 to print, and the
/// objections villagers filed from those notices, each answered here once.
/// </summary>
internal static class FundConsole
{
    public static string PathOf(string countyCode) => $"/console/funds?county={Uri.EscapeDataString(countyCode)}";

    public static void MapFundConsole(this IEndpointRouteBuilder app)
    {
        var console = app.MapGroup("/console/funds").RequireAuthorization(CountyRoles.CountyPolicy);

        console.MapGet("/", async Task<IResult> (string? county, FundStore funds, FundReportStore reports, FundObjectionStore objections, FundDeadlines deadlines, CountyDirectory counties,
            TimeProvider time, CancellationToken ct) =>
        {
            var (places, refusal) = await ConsoleRequest.FindCountyAsync(county, counties, ct);
            if (refusal is not null)
            {
                return refusal;
            }

            var rows = new List<(AllocationRecord, IReadOnlyList<DisbursementStep>)>();
            foreach (var record in await funds.ListAsync(places!.Code, ct))
            {
                rows.Add((record, await funds.ListStepsAsync(record.Allocation.AllocationId, ct)));
            }

            var today = Domain.Calendar.ShanghaiTime.DateOf(time.GetUtcNow());
            var month = FundReportMonth.On(today);
            var reporting = rows.Where(r => r.Item1.Allocation.AllocatedOn <= month.Last).Select(r => r.Item1.Allocation.TownshipCode).ToHashSet(StringComparer.Ordinal);
            return PageResults.Page<FundConsolePage>(new
            {
                Places = places, Rows = rows, Today = today, ReportMonth = month, ReportDueOn = deadlines.ReportDueOn(month.Last), Reporting = reporting,
                Reports = await reports.ListAsync(places.Code, month.Key, ct),
                Objections = (await objections.ListAsync(places.Code, ct)).OrderBy(o => o.IsHandled).ThenByDescending(o => o.FiledAt).ToList(),
            });
        });

        console.MapPost("/allocations", async Task<IResult> (HttpContext http, ClaimsPrincipal user, FundEntry entry, CancellationToken ct) =>
        {
            if (!http.Request.HasFormContentType)
            {
                return PageResults.Message("请求格式不正确", "提交的内容不是表单，未登记。请在扶贫资金页面填写后提交。", StatusCodes.Status400BadRequest);
            }

            var form = await http.Request.ReadFormAsync(ct);
            var county = form["county"].ToString();
            var amount = PaymentCheck.Parse(form["amount"]);
            if (amount is null && form["amount"].ToString().Trim().Length > 0)
            {
                return PageResults.Message("资金分配未登记", "金额不是数字，未登记：请按数字填写金额（元），例如 100000.00。", StatusCodes.Status400BadRequest,
                    onward: new PageLink(PathOf(county), "返回扶贫资金"));
            }

            var outcome = await entry.EnterAsync(county, new FundAllocationForm(form["township"], form["source"], amount, form["number"], form["date"]),
                user.Identity?.Name ?? "unknown", ct);
            return outcome.Allocation is { } allocation
                ? Results.Redirect($"/funds/{Uri.EscapeDataString(allocation.AllocationId)}")
                : PageResults.Message("资金分配未登记", "资金分配有误，未登记：" + string.Join(" ", outcome.Problems), StatusCodes.Status400BadRequest,
                    onward: new PageLink(PathOf(county), "返回扶贫资金"));
        });
    }

    /// <summary>Where an allocation stands, in words: 拨付完毕, or the first unpaid step with its state.</summary>
    public static string StateOf(AllocationRecord record, IReadOnlyList<DisbursementStep> steps, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(steps);
        if (record.Completed)
        {
            return "拨付完毕";
        }

        var open = steps.Where(s => !s.IsPaid).ToList();
        if (open.Count == 0)
        {
            return record.OpenRequest is null ? "拨付中" : "待项目村提报申请";
        }

        var late = open.Where(s => s.IsOverdue(today) || s.Overdue != Domain.Rectification.OverdueStage.None).ToList();
        return late.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"逾期 {late.Count} 个环节")
            : $"待{ChineseTermsOf(open[0].Stage)}";
    }

    private static string ChineseTermsOf(DisbursementStage stage) => Domain.Register.ChineseTerms.Of(stage);
}
