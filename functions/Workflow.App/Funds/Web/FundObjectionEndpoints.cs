using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Workflow.App.Funds.Objections;
using Workflow.App.Identity;
using Workflow.App.Links;
using Workflow.App.Notices;
using Workflow.App.Pages;
using Workflow.App.Register;

namespace Workflow.App.Funds.Web;

/// <summary>
/// Objections to a township's 资金公告公示: the online notice its QR code opens links to the same objection form as every
/// 公示 (/pay/objection/{token}, the notice's own read-only link), open to anyone a few times an hour per address; and
/// the county office's answer from the console.
/// </summary>
internal static class FundObjectionEndpoints
{
    public const string PathPrefix = "/pay/objection/";

    public static void MapFundObjections(this IEndpointRouteBuilder app)
    {
        var form = app.MapGroup(PathPrefix + "{token}");
        form.MapGet("", async Task<IResult> (string token, CapabilityLinkSigner signer, CountyDirectory counties, CancellationToken ct) =>
            await FundNoticeEndpoints.TownshipOfAsync(token, signer, counties, ct) is { } place
                ? Form(place.Township, token, null, null, null, StatusCodes.Status200OK)
                : LinkRefusalPage.For(LinkRefusal.Invalid));

        form.MapPost("", async Task<IResult> (string token, HttpContext http, CapabilityLinkSigner signer, CountyDirectory counties, FundObjections objections,
            CancellationToken ct) =>
        {
            if (await FundNoticeEndpoints.TownshipOfAsync(token, signer, counties, ct) is not { } place)
            {
                return LinkRefusalPage.For(LinkRefusal.Invalid);
            }

            if (await PostedForm.ReadAsync(http.Request, ct) is not { } posted)
            {
                return PostedForm.NotAForm();
            }

            var (contact, reason) = (posted["contact"].ToString(), posted["reason"].ToString());
            if (ObjectionRules.Problem(contact, reason) is { } problem)
            {
                return Form(place.Township, token, contact, reason, problem, StatusCodes.Status400BadRequest);
            }

            await objections.FileAsync(place.CountyCode, place.TownshipCode, place.Township, contact, reason, http.Connection.RemoteIpAddress?.ToString(), ct);
            return PageResults.Message("异议已提交", "您的异议已提交，县扶贫办将进行核实处理。感谢您的监督。", ok: true,
                attributes: new Dictionary<string, object> { ["data-objection"] = "filed" });
        }).RequireRateLimiting(ObjectionRules.RateLimit);

        app.MapPost("/console/funds/objections", async Task<IResult> (HttpContext http, ClaimsPrincipal user, FundObjections objections, CancellationToken ct) =>
        {
            if (!http.Request.HasFormContentType)
            {
                return PageResults.Message("请求格式不正确", "提交的内容不是表单，未答复。请在扶贫资金页面填写后提交。", StatusCodes.Status400BadRequest);
            }

            var posted = await http.Request.ReadFormAsync(ct);
            var county = posted["county"].ToString();
            var back = new PageLink(FundConsole.PathOf(county) + "#objections", "返回扶贫资金");
            if (!CountyDirectory.IsCountyCode(county) || posted["id"].ToString() is not { Length: > 0 and <= 64 } id || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
            {
                return PageResults.Message("异议未答复", "没有这条异议。", StatusCodes.Status404NotFound, onward: back);
            }

            return await objections.AnswerAsync(county, id, posted["reply"], user.Identity?.Name ?? "unknown", ct) is { } problem
                ? PageResults.Message("异议未答复", problem, StatusCodes.Status400BadRequest, onward: back)
                : Results.Redirect(FundConsole.PathOf(county) + "#objections");
        }).RequireAuthorization(CountyRoles.CountyPolicy);
    }

    private static RazorComponentResult<ObjectionForm> Form(string township, string token, string? contact, string? reason, string? problem, int status) =>
        PageResults.Page<ObjectionForm>(new
        {
            Subject = $"对{township}扶贫资金公告公示（资金分配结果和各村资金使用情况）提出异议。",
            Action = PathPrefix + Uri.EscapeDataString(token),
            ContactNote = "联系方式仅供县扶贫办核实时使用，不会公开。",
            Contact = contact,
            Reason = reason,
            Problem = problem,
        }, status);
}
