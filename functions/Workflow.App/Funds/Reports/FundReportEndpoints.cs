using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.App.Audit;
using Workflow.App.Links;
using Workflow.App.Pages;
using Workflow.App.Register;

namespace Workflow.App.Funds.Reports;

/// <summary>
/// The monthly report link a township's 财政所 opens on a phone (/pay/report/{token}): the month's summary generated
/// from the ledger, a note and who confirms. The link is the only credential and is spent on the first complete
/// submission; the report is saved and audited before the link is spent, so a crash between them loses nothing.
/// </summary>
internal static class FundReportEndpoints
{
    public const int MaxNoteLength = 500;
    public const int MaxNameLength = 20;

    public static void MapFundReports(this IEndpointRouteBuilder app)
    {
        app.MapGet(FundReportLinks.PathPrefix + "{token}", async (string token, CapabilityLinkSigner signer, LinkRedemptionStore redemptions, CountyDirectory counties,
            FundStore funds, CancellationToken ct) =>
        {
            var (link, summary, refusal) = await OpenAsync(token, signer, redemptions, counties, funds, ct);
            return refusal is not null ? LinkRefusalPage.For(refusal.Value) : Form(token, summary!, null, null, null, StatusCodes.Status200OK);
        });

        app.MapPost(FundReportLinks.PathPrefix + "{token}", async (string token, HttpRequest request, CapabilityLinkSigner signer, LinkRedemptionStore redemptions,
            CountyDirectory counties, FundStore funds, FundReportStore reports, AuditLog audit, TimeProvider time, CancellationToken ct) =>
        {
            var (link, summary, refusal) = await OpenAsync(token, signer, redemptions, counties, funds, ct);
            if (refusal is not null)
            {
                return LinkRefusalPage.For(refusal.Value);
            }

            if (!request.HasFormContentType)
            {
                return PageResults.Message("请求格式不正确", "提交的内容不是本页的表单，未作任何更改。请打开链接，在页面上填写后提交。", StatusCodes.Status400BadRequest,
                    onward: new PageLink(FundReportLinks.PathPrefix + Uri.EscapeDataString(token), "返回月报页面"));
            }

            var form = await request.ReadFormAsync(ct);
            var note = form["note"].ToString().Trim();
            var name = form["name"].ToString().Trim();
            var problem = note.Length is 0 or > MaxNoteLength ? $"请填写资金使用情况说明（不超过 {MaxNoteLength} 字）。"
                : name.Length is 0 or > MaxNameLength || name.Any(char.IsControl) ? $"请填写报告人姓名（不超过 {MaxNameLength} 字，不含换行）。"
                : form["confirmed"].ToString() != "yes" ? "请确认以上数据与本镇资金账目一致后再上报。"
                : null;
            if (problem is not null)
            {
                return Form(token, summary!, problem, note, name, StatusCodes.Status400BadRequest);
            }

            var now = time.GetUtcNow();
            var (county, township) = FundReportLinks.PlaceOf(link!)!.Value;
            await reports.SaveAsync(new FundReport(county, township, link!.Step, summary!.Allocated, summary.Paid, note, name, now), ct);
            await audit.AppendOnceAsync(new AuditEntry(FundNotice.SubjectOf(county, township), $"report-{link.Step}", "fund-report-confirmed", name, "FinanceOffice", note, now,
                link.LinkId, request.HttpContext.Connection.RemoteIpAddress?.ToString(), request.Headers.UserAgent.ToString()), link.LinkId, ct);
            if (await redemptions.TryRedeemAsync(link, now, ct) is { } lost)
            {
                return LinkRefusalPage.For(lost);
            }

            return PageResults.Message("已上报", $"{summary.Township}{summary.Month.Name}扶贫资金使用情况已上报县扶贫办。", ok: true, note: "本链接已失效；下月将另行发送月报链接。",
                attributes: new Dictionary<string, object> { ["data-outcome"] = "reported" });
        });
    }

    private static async Task<(CapabilityLink? Link, FundReportSummary? Summary, LinkRefusal? Refusal)> OpenAsync(string token, CapabilityLinkSigner signer,
        LinkRedemptionStore redemptions, CountyDirectory counties, FundStore funds, CancellationToken ct)
    {
        var (link, refusal) = signer.Verify(token, FundReportLinks.Purpose);
        if (link is null || refusal is not null || FundReportLinks.PlaceOf(link) is not var (county, code) || FundReportMonth.Parse(link.Step) is not { } month)
        {
            return (null, null, refusal ?? LinkRefusal.Invalid);
        }

        var township = (await counties.FindPlacesAsync(county, ct))?.Townships.FirstOrDefault(t => t.Code == code);
        if (township is null)
        {
            return (null, null, LinkRefusal.Invalid);
        }

        if (await redemptions.CheckOpenAsync(link, ct) is { } used)
        {
            return (link, null, used);
        }

        return (link, await FundReportSummary.ReadAsync(funds, county, code, township.Name, month, ct), null);
    }

    private static RazorComponentResult<FundReportPage> Form(string token, FundReportSummary summary, string? problem, string? note, string? name, int status) =>
        PageResults.Page<FundReportPage>(new
        {
            Action = FundReportLinks.PathPrefix + Uri.EscapeDataString(token),
            Summary = summary,
            Problem = problem,
            Note = note,
            Name = name,
        }, status);
}
