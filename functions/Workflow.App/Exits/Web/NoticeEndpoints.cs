using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.App.Links;
using Workflow.App.Notices;
using Workflow.App.Pages;

namespace Workflow.App.Exits.Web;

/// <summary>
/// 公示: the printable notice for the village board, whose QR code opens the objection form; and that form, which
/// anyone may use without signing in, a few times an hour per address.
/// </summary>
internal static class NoticeEndpoints
{
    public static void MapNotices(this IEndpointRouteBuilder app)
    {
        app.MapGet("/notices/{token}", ShowNoticeAsync);
        var objections = app.MapGroup("/objections/{token}");
        objections.MapGet("", ShowFormAsync);
        objections.MapPost("", FileAsync).RequireRateLimiting(ObjectionRules.RateLimit);
    }

    private static async Task<IResult> ShowNoticeAsync(string token, ObjectionIntake intake, LinkAddresses addresses, CancellationToken ct)
    {
        var check = await intake.CheckAsync(token, ct);
        if (check.Refusal is not null)
        {
            return Refused(check);
        }

        var objectionUrl = addresses.Absolute($"/objections/{Uri.EscapeDataString(token)}").ToString();
        return PageResults.Page<NoticePage>(new { check.Case, ObjectionUrl = objectionUrl, QrSvg = NoticeQrCode.Svg(objectionUrl) });
    }

    private static async Task<IResult> ShowFormAsync(string token, ObjectionIntake intake, CancellationToken ct)
    {
        var check = await intake.CheckAsync(token, ct);
        return check.Refusal is not null ? Refused(check) : Form(check.Case!, token, null, null, null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> FileAsync(string token, HttpContext http, ObjectionIntake intake, CancellationToken ct)
    {
        var check = await intake.CheckAsync(token, ct);
        if (check.Refusal is not null)
        {
            return Refused(check);
        }

        if (await PostedForm.ReadAsync(http.Request, ct) is not { } form)
        {
            return PostedForm.NotAForm();
        }

        var contact = form["contact"].ToString();
        var reason = form["reason"].ToString();
        if (ObjectionRules.Problem(contact, reason) is { } problem)
        {
            return Form(check.Case!, token, contact, reason, problem, StatusCodes.Status400BadRequest);
        }

        await intake.FileAsync(check.Case!, contact, reason, http.Connection.RemoteIpAddress?.ToString(), ct);
        return PageResults.Message("异议已提交", "您的异议已提交，公示暂停，乡镇将进行复核。感谢您的监督。", ok: true,
            attributes: new Dictionary<string, object> { ["data-objection"] = "filed" });
    }

    /// <summary>
    /// A notice link that cannot be used. Once the case has moved past the notice, the link says the notice has ended
    /// (and when), which is what a villager scanning an old notice needs to know; nothing is taken.
    /// </summary>
    private static IResult Refused(LinkCheck check) =>
        check is { Refusal: LinkRefusal.NotTheCurrentStep, Case: { } exitCase }
            ? PageResults.Message(
                "公示已结束",
                exitCase.NoticeEndsAt is { } endedAt ? $"公示已结束（{Shown.Time(endedAt)} 公示期满），不再受理异议。" : "公示已结束，不再受理异议。",
                StatusCodes.Status409Conflict,
                note: "本次操作未作任何更改。如对退出结果有意见，请向乡镇人民政府反映。",
                attributes: new Dictionary<string, object> { ["data-refusal"] = LinkRefusal.NotTheCurrentStep.ToString(), ["data-notice"] = "ended" })
            : LinkRefusalPage.For(check.Refusal!.Value);

    private static RazorComponentResult<ObjectionForm> Form(ExitCase exitCase, string token, string? contact, string? reason, string? problem, int status) =>
        PageResults.Page<ObjectionForm>(new
        {
            Subject = $"对 {exitCase.Township}{exitCase.Village} {exitCase.HeadName} 户（户编号 {exitCase.HouseholdNumber}）{exitCase.Kind.Proposed()}的公示提出异议。",
            Action = $"/objections/{Uri.EscapeDataString(token)}",
            ContactNote = "联系方式仅供乡镇复核时核实，不会公开。",
            Contact = contact,
            Reason = reason,
            Problem = problem,
        }, status);
}
