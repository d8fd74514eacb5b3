using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.App.Links;
using Workflow.App.Notices;
using Workflow.App.Pages;

namespace Workflow.App.Projects.Web;

/// <summary>
/// A project's 公示 (六步三公示): the printable notice its holder posts (/project-notice/{token}), whose QR code opens the
/// objection form (/project-objection/{token}), the same form and rules as an exit's, usable by anyone without signing
/// in, a few times an hour per address. The notice's link is never spent: it serves while the notice runs or is paused
/// for a review, and says the notice has ended once it has.
/// </summary>
internal static class ProjectNoticeEndpoints
{
    public static void MapProjectNotices(this IEndpointRouteBuilder app)
    {
        app.MapGet("/project-notice/{token}", ShowNoticeAsync);
        var objections = app.MapGroup("/project-objection/{token}");
        objections.MapGet("", ShowFormAsync);
        objections.MapPost("", FileAsync).RequireRateLimiting(ObjectionRules.RateLimit);
    }

    private static async Task<IResult> ShowNoticeAsync(string token, ProjectIntake intake, LinkAddresses addresses, CancellationToken ct)
    {
        var check = await intake.CheckAsync(token, ProjectRequests.NoticePurpose, ct);
        if (check.Refusal is not null)
        {
            return Refused(check.Refusal.Value);
        }

        var step = StepOf(check, intake);
        var objectionUrl = addresses.Absolute($"/project-objection/{Uri.EscapeDataString(token)}").ToString();
        return PageResults.Page<ProjectNoticePage>(new
        {
            check.Record,
            Step = step,
            Poster = ProjectRecipients.NameOf(check.Record!.Project, step),
            ObjectionUrl = objectionUrl,
            QrSvg = NoticeQrCode.Svg(objectionUrl),
        });
    }

    private static async Task<IResult> ShowFormAsync(string token, ProjectIntake intake, CancellationToken ct)
    {
        var check = await intake.CheckAsync(token, ProjectRequests.NoticePurpose, ct);
        return check.Refusal is { } refusal ? Refused(refusal) : Form(check, intake, token, null, null, null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> FileAsync(string token, HttpContext http, ProjectIntake intake, ProjectObjections objections, CancellationToken ct)
    {
        var check = await intake.CheckAsync(token, ProjectRequests.NoticePurpose, ct);
        if (check.Refusal is { } refusal)
        {
            return Refused(refusal);
        }

        if (await PostedForm.ReadAsync(http.Request, ct) is not { } form)
        {
            return PostedForm.NotAForm();
        }

        var contact = form["contact"].ToString();
        var reason = form["reason"].ToString();
        if (ObjectionRules.Problem(contact, reason) is { } problem)
        {
            return Form(check, intake, token, contact, reason, problem, StatusCodes.Status400BadRequest);
        }

        await objections.FileAsync(check.Record!.Project.ProjectId, check.Link!.Step, contact, reason, http.Connection.RemoteIpAddress?.ToString(), ct);
        return PageResults.Message("异议已提交", $"您的异议已提交，公示暂停，{ProjectRecipients.NameOf(check.Record.Project, StepOf(check, intake))}将进行复核。感谢您的监督。", ok: true,
            attributes: new Dictionary<string, object> { ["data-objection"] = "filed" });
    }

    /// <summary>A notice link of a notice that has ended says so, which is what someone scanning an old notice needs to know; nothing is taken.</summary>
    private static IResult Refused(LinkRefusal refusal) =>
        refusal is LinkRefusal.NotTheCurrentStep or LinkRefusal.StepAlreadyDecided
            ? PageResults.Message("公示已结束", "该项目的本次公示已结束，不再受理异议。", StatusCodes.Status409Conflict,
                note: "本次操作未作任何更改。如对项目安排有意见，请向乡镇人民政府或县扶贫办反映。",
                attributes: new Dictionary<string, object> { ["data-refusal"] = refusal.ToString(), ["data-notice"] = "ended" })
            : LinkRefusalPage.For(refusal);

    private static Domain.Projects.ProjectStep StepOf(ProjectLinkCheck check, ProjectIntake intake) =>
        intake.Procedure.Step(ProjectStepKeys.Read(check.Link!.Step)!.Value.Step)!;

    private static RazorComponentResult<ObjectionForm> Form(ProjectLinkCheck check, ProjectIntake intake, string token, string? contact, string? reason, string? problem,
        int status) =>
        PageResults.Page<ObjectionForm>(new
        {
            Subject = $"对 {ProjectRequests.Describe(check.Record!.Project)}的“{StepOf(check, intake).Name}”提出异议。",
            Action = $"/project-objection/{Uri.EscapeDataString(token)}",
            ContactNote = "联系方式仅供复核时核实，不会公开。",
            Contact = contact,
            Reason = reason,
            Problem = problem,
        }, status);
}
