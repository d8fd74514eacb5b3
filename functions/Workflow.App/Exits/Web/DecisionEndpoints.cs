using Workflow.Domain.Exits;
using Workflow.App.Evidence;
using Workflow.App.Links;
using Workflow.App.Pages;

namespace Workflow.App.Exits.Web;

/// <summary>
/// The approval link (审批链接) an approver opens from a notification: a mobile page with the decision form first and the
/// case after it, and an evidence upload. The link is the only credential: it names the case, the step and the approver.
/// </summary>
internal static class DecisionEndpoints
{
    public const int MaxCommentLength = 500;
    public const int MaxNameLength = 20;

    public static void MapDecisions(this IEndpointRouteBuilder app)
    {
        var link = app.MapGroup("/decide/{token}");
        link.MapGet("", ShowAsync);
        link.MapPost("", DecideAsync);
        link.MapPost("/evidence", UploadAsync).DisableAntiforgery();
        // Viewing evidence goes through the link, then a read-only blob link that dies in minutes.
        link.MapGet("/evidence/{evidenceId}", ViewEvidenceAsync);
    }

    private static async Task<IResult> ShowAsync(string token, [AsParameters] DecisionServices services, CancellationToken ct)
    {
        var check = await services.Intake.CheckAsync(token, ct);
        return check.Refusal is { } refusal
            ? LinkRefusalPage.For(refusal)
            : await PageAsync(token, check, services, null, StatusCodes.Status200OK, ct);
    }

    private static async Task<IResult> DecideAsync(string token, HttpContext http, [AsParameters] DecisionServices services, CancellationToken ct)
    {
        var check = await services.Intake.CheckAsync(token, ct);
        if (check.Refusal is { } refusal)
        {
            return LinkRefusalPage.For(refusal);
        }

        if (await PostedForm.ReadAsync(http.Request, ct) is not { } form)
        {
            return PostedForm.NotAForm();
        }

        var (link, exitCase) = (check.Link!, check.Case!);
        var review = ExitProcedure.IsObjectionReview(link.Step);
        var verdict = form["decision"].ToString();
        var comment = form["comment"].ToString().Trim();
        var name = form["name"].ToString().Trim();
        var problem = verdict is not ("approve" or "reject") ? (review ? "请选择复核结论。" : "请选择审核结论。")
            : name.Length is 0 or > MaxNameLength ? $"请填写办理人姓名（不超过 {MaxNameLength} 字）。"
            : verdict == "reject" && comment.Length == 0 ? (review ? "异议成立时必须填写意见。" : "不同意时必须填写意见。")
            : comment.Length > MaxCommentLength ? $"意见不超过 {MaxCommentLength} 字。"
            : null;
        var entered = new EnteredDecision(verdict, name, comment);
        if (problem is not null)
        {
            return await PageAsync(token, check, services, problem, StatusCodes.Status400BadRequest, ct, entered);
        }

        IReadOnlyList<string>? decided = null;
        if (review)
        {
            // The review decides the objections its page showed. Dismissing while one the reviewer has not seen is
            // pending would dismiss it unread: the page is shown again with it instead.
            var shown = form["objection"].Where(id => id is not null).ToHashSet(StringComparer.Ordinal);
            var pending = OfRound(await services.Objections.ListAsync(exitCase.CaseId, ct), link.Step);
            var unseen = pending.Count(o => !shown.Contains(o.ObjectionId));
            if (verdict == "approve" && unseen > 0)
            {
                return await PageAsync(token, check, services, $"提交前又收到 {unseen} 条异议，已列在上方。请阅后重新提交复核结论。", StatusCodes.Status409Conflict, ct, entered);
            }

            decided = pending.Where(o => shown.Contains(o.ObjectionId)).Select(o => o.ObjectionId).ToList();
        }

        var actor = ExitRecipients.Actor(name, link.Holder, exitCase);
        if (form.Files.GetFile("evidence") is { Length: > 0 } file)
        {
            try
            {
                await using var content = file.OpenReadStream();
                await services.Evidence.UploadAsync(link.Subject, link.Step, file.FileName, file.ContentType, content, actor, ct);
            }
            catch (EvidenceRejectedException e)
            {
                return await PageAsync(token, check, services, e.Message, StatusCodes.Status400BadRequest, ct, entered);
            }
        }

        var decision = new StepDecision(link.Subject, link.Step, verdict == "approve", comment.Length == 0 ? null : comment, actor,
            RoleOf(link.Holder), services.Time.GetUtcNow(), link.LinkId, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), decided);
        if (await services.Intake.DecideAsync(link, decision, ct) is { } lost)
        {
            return LinkRefusalPage.For(lost);
        }

        return PageResults.Message("已提交", DecisionVerdicts.Confirmation(link.Step, decision.Approved, exitCase.Kind), ok: true,
            note: !decision.Approved ? DecisionVerdicts.Refused(exitCase.Kind)
                : review ? "公示将继续进行，本链接已失效。"
                : "案件将自动进入下一环节，本链接已失效。",
            attributes: new Dictionary<string, object> { ["data-decision"] = verdict });
    }

    private static async Task<IResult> UploadAsync(string token, HttpContext http, [AsParameters] DecisionServices services, CancellationToken ct)
    {
        var check = await services.Intake.CheckAsync(token, ct);
        if (check.Refusal is { } refusal)
        {
            return LinkRefusalPage.For(refusal);
        }

        if (await PostedForm.ReadAsync(http.Request, ct) is not { } form)
        {
            return PostedForm.NotAForm();
        }

        if (form.Files.GetFile("evidence") is not { } file)
        {
            return await PageAsync(token, check, services, "请选择要上传的文件。", StatusCodes.Status400BadRequest, ct);
        }

        try
        {
            await using var content = file.OpenReadStream();
            await services.Evidence.UploadAsync(check.Link!.Subject, check.Link.Step, file.FileName, file.ContentType, content,
                ExitRecipients.NameOf(check.Link.Holder, check.Case!), ct);
        }
        catch (EvidenceRejectedException e)
        {
            return await PageAsync(token, check, services, e.Message, StatusCodes.Status400BadRequest, ct);
        }

        return Results.Redirect($"/decide/{Uri.EscapeDataString(token)}");
    }

    private static async Task<IResult> ViewEvidenceAsync(string token, string evidenceId, DecisionIntake intake, EvidenceStore evidence, CancellationToken ct)
    {
        var check = await intake.CheckAsync(token, ct);
        if (check.Refusal is { } refusal)
        {
            return LinkRefusalPage.For(refusal);
        }

        var uri = await evidence.ReadLinkAsync(check.Link!.Subject, evidenceId, ct);
        return uri is null ? Results.NotFound() : Results.Redirect(uri.ToString());
    }

    private static string RoleOf(string holder) => holder.Split('@')[0];

    /// <summary>
    /// The objections a review decides: those the case has put in it, and those filed but not yet taken by the case,
    /// which join the open review as they arrive.
    /// </summary>
    private static List<Objection> OfRound(IReadOnlyList<Objection> objections, string review) =>
        objections.Where(o => o.Review is null || o.Review == review).ToList();

    /// <param name="entered">What a refused submission held, given back so the approver need not type it again.</param>
    private static async Task<IResult> PageAsync(
        string token, LinkCheck check, DecisionServices services, string? problem, int status, CancellationToken ct, EnteredDecision? entered = null)
    {
        var (link, exitCase) = (check.Link!, check.Case!);
        var procedure = ExitProcedureCatalog.ById(exitCase.ProcedureId);
        var review = ExitProcedure.IsObjectionReview(link.Step);
        var items = services.Evidence.ListAsync(exitCase.CaseId, ct);
        var timeline = services.Cases.ReadTimelineAsync(exitCase.CaseId, ct);
        IReadOnlyList<Objection> objections = review ? await services.Objections.ListAsync(exitCase.CaseId, ct) : [];
        var round = OfRound(objections, link.Step);
        return PageResults.Page<DecisionPage>(new
        {
            Case = exitCase,
            Token = token,
            link.Step,
            StepName = procedure.StepFor(link.Step).Name,
            HolderName = ExitRecipients.NameOf(link.Holder, exitCase),
            Objections = round,
            EarlierObjections = objections.Except(round).ToList(),
            Evidence = await items,
            Timeline = await timeline,
            StepNames = (Func<string, string>)(step => StepNameOf(procedure, step)),
            Problem = problem,
            Entered = entered,
        }, status);
    }

    /// <summary>A step's name given its key; a key the procedure does not have (a step of a procedure since changed) as it is.</summary>
    private static string StepNameOf(ExitProcedure procedure, string step) =>
        ExitProcedure.IsObjectionReview(step) || procedure.Steps.Any(s => s.Code == step) ? procedure.StepFor(step).Name : step;
}

/// <summary>The fields of a decision form as submitted.</summary>
public sealed record EnteredDecision(string Verdict, string Name, string Comment);

/// <summary>What the approval link's endpoints use, bound from the app's services.</summary>
internal sealed record DecisionServices(DecisionIntake Intake, ExitCaseStore Cases, EvidenceStore Evidence, ObjectionIntake Objections, TimeProvider Time);
