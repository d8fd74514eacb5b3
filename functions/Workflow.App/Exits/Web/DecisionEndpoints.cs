using Workflow.Domain.Exits;
using Workflow.App.Evidence;
using Workflow.App.Links;
using Workflow.App.Pages;

namespace Workflow.App.Exits.Web;

/// <summary>
/// The approval link (审批链接) an approver opens from a notification: a mobile page with the case, a decision form
/// and an evidence upload. The link is the only credential: it names the case, the step and the approver.
/// </summary>
internal static class DecisionEndpoints
{
    public const int MaxCommentLength = 500;
    public const int MaxNameLength = 20;

    public static void MapDecisions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/decide/{token}", async (string token, DecisionIntake intake, ExitCaseStore cases, EvidenceStore evidence, CancellationToken ct) =>
        {
            var check = await intake.CheckAsync(token, ct);
            return check.Refusal is { } refusal
                ? LinkRefusalPage.For(refusal)
                : await PageAsync(token, check, cases, evidence, null, StatusCodes.Status200OK, ct);
        });

        app.MapPost("/decide/{token}", async (string token, HttpContext http, DecisionIntake intake, ExitCaseStore cases, EvidenceStore evidence,
            TimeProvider time, CancellationToken ct) =>
        {
            var check = await intake.CheckAsync(token, ct);
            if (check.Refusal is { } refusal)
            {
                return LinkRefusalPage.For(refusal);
            }

            var form = await http.Request.ReadFormAsync(ct);
            var verdict = form["decision"].ToString();
            var comment = form["comment"].ToString().Trim();
            var name = form["name"].ToString().Trim();
            var problem = verdict is not ("approve" or "reject") ? "请选择审核结论。"
                : name.Length is 0 or > MaxNameLength ? $"请填写办理人姓名（不超过 {MaxNameLength} 字）。"
                : verdict == "reject" && comment.Length == 0 ? "不同意时必须填写意见。"
                : comment.Length > MaxCommentLength ? $"意见不超过 {MaxCommentLength} 字。"
                : null;
            var entered = new EnteredDecision(verdict, name, comment);
            if (problem is not null)
            {
                return await PageAsync(token, check, cases, evidence, problem, StatusCodes.Status400BadRequest, ct, entered);
            }

            var link = check.Link!;
            var actor = $"{name}（{link.Holder}）";
            if (form.Files.GetFile("evidence") is { Length: > 0 } file)
            {
                try
                {
                    await using var content = file.OpenReadStream();
                    await evidence.UploadAsync(link.Subject, link.Step, file.FileName, file.ContentType, content, actor, ct);
                }
                catch (EvidenceRejectedException e)
                {
                    return await PageAsync(token, check, cases, evidence, e.Message, StatusCodes.Status400BadRequest, ct, entered);
                }
            }

            var decision = new StepDecision(link.Subject, link.Step, verdict == "approve", comment.Length == 0 ? null : comment, actor,
                RoleOf(link.Holder), time.GetUtcNow(), link.LinkId, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString());
            if (await intake.DecideAsync(link, decision, ct) is { } lost)
            {
                return LinkRefusalPage.For(lost);
            }

            return PageLayout.Page("已提交", $"""
                <p class="ok" data-decision="{verdict}">审核结论已提交：{(decision.Approved ? "同意" : "不同意")}。</p>
                <p class="note">案件将自动进入下一环节，本链接已失效。</p>
                """);
        });

        app.MapPost("/decide/{token}/evidence", async (string token, HttpContext http, DecisionIntake intake, ExitCaseStore cases, EvidenceStore evidence,
            CancellationToken ct) =>
        {
            var check = await intake.CheckAsync(token, ct);
            if (check.Refusal is { } refusal)
            {
                return LinkRefusalPage.For(refusal);
            }

            var form = await http.Request.ReadFormAsync(ct);
            if (form.Files.GetFile("evidence") is not { } file)
            {
                return await PageAsync(token, check, cases, evidence, "请选择要上传的文件。", StatusCodes.Status400BadRequest, ct);
            }

            try
            {
                await using var content = file.OpenReadStream();
                await evidence.UploadAsync(check.Link!.Subject, check.Link.Step, file.FileName, file.ContentType, content, check.Link.Holder, ct);
            }
            catch (EvidenceRejectedException e)
            {
                return await PageAsync(token, check, cases, evidence, e.Message, StatusCodes.Status400BadRequest, ct);
            }

            return Results.Redirect($"/decide/{Uri.EscapeDataString(token)}");
        }).DisableAntiforgery();

        // Viewing evidence goes through the link, then a read-only blob link that dies in minutes.
        app.MapGet("/decide/{token}/evidence/{evidenceId}", async (string token, string evidenceId, DecisionIntake intake, EvidenceStore evidence, CancellationToken ct) =>
        {
            var check = await intake.CheckAsync(token, ct);
            if (check.Refusal is { } refusal)
            {
                return LinkRefusalPage.For(refusal);
            }

            var uri = await evidence.ReadLinkAsync(check.Link!.Subject, evidenceId, ct);
            return uri is null ? Results.NotFound() : Results.Redirect(uri.ToString());
        });
    }

    private static string RoleOf(string holder) => holder.Split('@')[0];

    /// <param name="entered">What a refused submission held, given back so the approver need not type it again.</param>
    private static async Task<IResult> PageAsync(
        string token, LinkCheck check, ExitCaseStore cases, EvidenceStore evidence, string? problem, int status, CancellationToken ct, EnteredDecision? entered = null)
    {
        var exitCase = check.Case!;
        var link = check.Link!;
        var step = ExitProcedureCatalog.ById(exitCase.ProcedureId).StepFor(link.Step);
        var (yes, no) = ExitProcedure.IsObjectionReview(link.Step) ? ("异议不成立，继续公示", "异议成立，退出不通过") : ("同意", "不同意");
        var items = await evidence.ListAsync(exitCase.CaseId, ct);
        var timeline = await cases.ReadTimelineAsync(exitCase.CaseId, ct);
        var t = Uri.EscapeDataString(token);
        var body = $"""
            <p class="note">待办环节：<strong>{E(step.Name)}</strong>{(exitCase.StepDueAt is { } due ? $" · 请于 {PageLayout.Time(due)} 前办理" : string.Empty)} · 办理人：{E(link.Holder)}</p>
            {(problem is null ? string.Empty : $"<p class=\"bad\" role=\"alert\">{E(problem)}</p>")}
            {CaseSections.Household(exitCase)}
            {CaseSections.Indicators(exitCase)}
            {CaseSections.Evidence(items, id => $"/decide/{t}/evidence/{Uri.EscapeDataString(id)}")}
            {CaseSections.Timeline(timeline)}
            <h2>审核</h2>
            <form method="post" enctype="multipart/form-data" action="/decide/{t}">
            <p><label><input type="radio" name="decision" value="approve" required{Checked(entered?.Verdict == "approve")}> {yes}</label><br>
               <label><input type="radio" name="decision" value="reject"{Checked(entered?.Verdict == "reject")}> {no}</label></p>
            <p><label>办理人姓名<br><input name="name" maxlength="{MaxNameLength}" required value="{E(entered?.Name ?? string.Empty)}"></label></p>
            <p><label>意见（不同意时必填）<br><textarea name="comment" rows="3" maxlength="{MaxCommentLength}" style="width:100%">{E(entered?.Comment ?? string.Empty)}</textarea></label></p>
            <p><label>附佐证材料（可选，JPEG/PNG/PDF，20 MB 以内）<br><input type="file" name="evidence" accept="image/jpeg,image/png,application/pdf"></label></p>
            <p><button type="submit">提交审核结论</button></p>
            </form>
            <h2>仅上传佐证材料</h2>
            <form method="post" enctype="multipart/form-data" action="/decide/{t}/evidence">
            <p><input type="file" name="evidence" accept="image/jpeg,image/png,application/pdf" required> <button type="submit">上传</button></p>
            </form>
            """;
        return PageLayout.Page("脱贫退出审核", body, status);
    }

    private static string Checked(bool on) => on ? " checked" : string.Empty;

    private static string E(string text) => PageLayout.Html.Encode(text);
}

/// <summary>The fields of a decision form as submitted.</summary>
internal sealed record EnteredDecision(string Verdict, string Name, string Comment);
