using Workflow.Domain.Calendar;
using Workflow.App.Evidence;
using Workflow.App.Exits.Web;
using Workflow.App.Links;
using Workflow.App.Pages;

namespace Workflow.App.Rectification.Web;

/// <summary>
/// The links an item's notifications carry, for phones without sign-in: the unit's (/rectify/submit/…) to report what it
/// did with evidence, and the county's (/rectify/verify/…) to close the item (销号) or send it back with a reason. The
/// link is the only credential: it names the item, the round's step and its holder.
/// </summary>
internal static class RectificationLinkEndpoints
{
    public const int MaxNameLength = 20;
    public const int MaxCommentLength = 500;

    private const string Submit = "submit";
    private const string Verify = "verify";

    public static void MapRectificationLinks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/rectify/{kind}/{token}", async (string kind, string token, RectificationIntake intake, RectificationStore items, EvidenceStore evidence,
            TimeProvider time, CancellationToken ct) =>
        {
            if (PurposeOf(kind) is not { } purpose)
            {
                return Results.NotFound();
            }

            var check = await intake.CheckAsync(token, purpose, ct);
            return check.Refusal is { } refusal
                ? LinkRefusalPage.For(refusal)
                : await PageAsync(kind, token, check, items, evidence, time, null, StatusCodes.Status200OK, null, ct);
        });

        app.MapPost("/rectify/{kind}/{token}", async (string kind, string token, HttpContext http, RectificationIntake intake, RectificationStore items,
            EvidenceStore evidence, TimeProvider time, CancellationToken ct) =>
        {
            if (PurposeOf(kind) is not { } purpose)
            {
                return Results.NotFound();
            }

            var check = await intake.CheckAsync(token, purpose, ct);
            if (check.Refusal is { } refusal)
            {
                return LinkRefusalPage.For(refusal);
            }

            var link = check.Link!;
            var form = await http.Request.ReadFormAsync(ct);
            var entered = new EnteredForm(form["decision"].ToString(), form["name"].ToString().Trim(), form["comment"].ToString().Trim());
            var files = form.Files.GetFiles("evidence").Where(f => f.Length > 0).ToList();
            var verdict = kind == Submit ? RectificationVerdict.Submitted
                : entered.Verdict == "verify" ? RectificationVerdict.Verified
                : entered.Verdict == "send-back" ? RectificationVerdict.SentBack
                : (RectificationVerdict?)null;
            var problem = verdict is null ? "请选择核验结论。"
                : entered.Name.Length is 0 or > MaxNameLength ? $"请填写办理人姓名（不超过 {MaxNameLength} 字）。"
                : entered.Comment.Length > MaxCommentLength ? $"说明不超过 {MaxCommentLength} 字。"
                : verdict == RectificationVerdict.SentBack && entered.Comment.Length == 0 ? "退回时必须填写理由。"
                : verdict == RectificationVerdict.Submitted && entered.Comment.Length == 0 ? "请填写整改情况说明。"
                : null;
            if (problem is null && verdict == RectificationVerdict.Submitted && files.Count == 0
                && !(await evidence.ListAsync(link.Subject, ct)).Any(e => e.Step == link.Step))
            {
                problem = "提交整改须附佐证材料（照片、文件或会议纪要等）。";
            }

            if (problem is not null)
            {
                return await PageAsync(kind, token, check, items, evidence, time, problem, StatusCodes.Status400BadRequest, entered, ct);
            }

            var actor = $"{entered.Name}（{link.Holder}）";
            foreach (var file in files)
            {
                try
                {
                    await using var content = file.OpenReadStream();
                    await evidence.UploadAsync(link.Subject, link.Step, file.FileName, file.ContentType, content, actor, ct);
                }
                catch (EvidenceRejectedException e)
                {
                    return await PageAsync(kind, token, check, items, evidence, time, $"{file.FileName}：{e.Message}", StatusCodes.Status400BadRequest, entered, ct);
                }
            }

            var decision = new RectificationDecision(link.Subject, link.Step, verdict!.Value, entered.Comment.Length == 0 ? null : entered.Comment, actor,
                link.Holder.Split('@')[0], time.GetUtcNow(), link.LinkId, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString());
            if (await intake.DecideAsync(link, decision, ct) is { } lost)
            {
                return LinkRefusalPage.For(lost);
            }

            var said = verdict switch
            {
                RectificationVerdict.Submitted => "整改情况已提交，等待县扶贫办核验。",
                RectificationVerdict.Verified => "已核验通过，该事项已销号。",
                _ => "已退回责任单位重新整改。",
            };
            return PageLayout.Page("已提交", $"""
                <p class="ok" data-verdict="{verdict}">{said}</p>
                <p class="note">本链接已失效。</p>
                """);
        });

        // Viewing evidence goes through the link, then a read-only blob link that dies in minutes.
        app.MapGet("/rectify/{kind}/{token}/evidence/{evidenceId}", async (string kind, string token, string evidenceId, RectificationIntake intake, EvidenceStore evidence,
            CancellationToken ct) =>
        {
            if (PurposeOf(kind) is not { } purpose)
            {
                return Results.NotFound();
            }

            var check = await intake.CheckAsync(token, purpose, ct);
            if (check.Refusal is { } refusal)
            {
                return LinkRefusalPage.For(refusal);
            }

            var uri = await evidence.ReadLinkAsync(check.Link!.Subject, evidenceId, ct);
            return uri is null ? Results.NotFound() : Results.Redirect(uri.ToString());
        });
    }

    private static string? PurposeOf(string kind) => kind switch
    {
        Submit => RectificationRequests.SubmitPurpose,
        Verify => RectificationRequests.VerifyPurpose,
        _ => null,
    };

    private static async Task<IResult> PageAsync(string kind, string token, RectificationLinkCheck check, RectificationStore items, EvidenceStore evidence,
        TimeProvider time, string? problem, int status, EnteredForm? entered, CancellationToken ct)
    {
        var item = check.Item!;
        var link = check.Link!;
        var t = Uri.EscapeDataString(token);
        var action = $"/rectify/{kind}/{t}";
        var form = kind == Submit
            ? $"""
              <h2>提交整改情况</h2>
              <form method="post" enctype="multipart/form-data" action="{action}">
              <p><label>整改情况说明（必填）<br><textarea name="comment" rows="4" maxlength="{MaxCommentLength}" required style="width:100%">{E(entered?.Comment ?? string.Empty)}</textarea></label></p>
              <p><label>佐证材料（必附，JPEG/PNG/PDF，可多选）<br><input type="file" name="evidence" multiple accept="image/jpeg,image/png,application/pdf"></label></p>
              <p><label>办理人姓名<br><input name="name" maxlength="{MaxNameLength}" required value="{E(entered?.Name ?? string.Empty)}"></label></p>
              <p><button type="submit">提交整改</button></p>
              </form>
              """
            : $"""
              <h2>核验</h2>
              <form method="post" enctype="multipart/form-data" action="{action}">
              <p><label><input type="radio" name="decision" value="verify" required{Checked(entered?.Verdict == "verify")}> 核验通过，销号</label><br>
                 <label><input type="radio" name="decision" value="send-back"{Checked(entered?.Verdict == "send-back")}> 退回重新整改</label></p>
              <p><label>意见（退回时必填理由）<br><textarea name="comment" rows="3" maxlength="{MaxCommentLength}" style="width:100%">{E(entered?.Comment ?? string.Empty)}</textarea></label></p>
              <p><label>核验人姓名<br><input name="name" maxlength="{MaxNameLength}" required value="{E(entered?.Name ?? string.Empty)}"></label></p>
              <p><button type="submit">提交核验结论</button></p>
              </form>
              """;
        var body = $"""
            <p class="note">待办：<strong>{(kind == Submit ? "整改并提交佐证材料" : "核验销号")}</strong> · 办理人：{E(link.Holder)}</p>
            {(problem is null ? string.Empty : $"<p class=\"bad\" role=\"alert\">{E(problem)}</p>")}
            {RectificationSections.Item(item, ShanghaiTime.DateOf(time.GetUtcNow()))}
            {CaseSections.Evidence(await evidence.ListAsync(item.ItemId, ct), id => $"{action}/evidence/{Uri.EscapeDataString(id)}")}
            {CaseSections.Timeline(await items.ReadTimelineAsync(item.ItemId, ct))}
            {form}
            """;
        return PageLayout.Page(kind == Submit ? "整改事项：提交整改" : "整改事项：核验销号", body, status);
    }

    private static string Checked(bool on) => on ? " checked" : string.Empty;

    private static string E(string text) => PageLayout.Html.Encode(text);

    /// <summary>The fields of a link's form as submitted, given back with a problem so nothing need be typed again.</summary>
    private sealed record EnteredForm(string Verdict, string Name, string Comment);
}
