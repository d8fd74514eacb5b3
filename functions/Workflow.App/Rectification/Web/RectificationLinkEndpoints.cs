using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.App.Evidence;
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

            // JSON, text or nothing at all is not the page's form: say so and leave the link as it was.
            if (!http.Request.HasFormContentType)
            {
                return NotAForm(kind, token);
            }

            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(ct);
            }
            catch (InvalidDataException)
            {
                return NotAForm(kind, token);
            }

            var link = check.Link!;
            var entered = new LinkFormEntry(form["decision"].ToString(), form["name"].ToString().Trim(), form["comment"].ToString().Trim());
            var files = form.Files.GetFiles("evidence").Where(f => f.Length > 0).ToList();
            var verdict = kind == Submit ? RectificationVerdict.Submitted
                : entered.Verdict == "verify" ? RectificationVerdict.Verified
                : entered.Verdict == "send-back" ? RectificationVerdict.SentBack
                : (RectificationVerdict?)null;
            var problem = verdict is null ? "请选择核验结论。"
                : entered.Name.Length is 0 or > MaxNameLength ? $"请填写办理人姓名（不超过 {MaxNameLength} 字）。"
                : entered.Name.Any(char.IsControl) ? "办理人姓名不能含换行等控制字符，请只填写姓名。"
                : entered.Comment.Length > MaxCommentLength ? $"说明不超过 {MaxCommentLength} 字（现为 {entered.Comment.Length} 字）。"
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

            var actor = $"{entered.Name}（{RectificationNames.Holder(check.Item!, link.Holder)}）";
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

            var (title, said) = verdict switch
            {
                RectificationVerdict.Submitted => ("整改情况已提交", "整改情况已提交，等待县扶贫办核验。"),
                RectificationVerdict.Verified => ("已核验销号", "已核验通过，该事项已销号。"),
                _ => ("已退回", "已退回责任单位重新整改。"),
            };
            return PageResults.Message(title, said, ok: true, note: "本链接已失效。",
                attributes: new Dictionary<string, object> { ["data-verdict"] = verdict.Value.ToString() });
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
        TimeProvider time, string? problem, int status, LinkFormEntry? entered, CancellationToken ct)
    {
        var item = check.Item!;
        return PageResults.Page<RectificationLinkPage>(new
        {
            Verifying = kind == Verify,
            Action = PathOf(kind, token),
            HolderName = RectificationNames.Holder(item, check.Link!.Holder),
            Item = item,
            Today = LedgerToday.Of(time),
            Evidence = await evidence.ListAsync(item.ItemId, ct),
            Timeline = await items.ReadTimelineAsync(item.ItemId, ct),
            Problem = problem,
            Entered = entered,
        }, status);
    }

    private static RazorComponentResult<MessagePage> NotAForm(string kind, string token) => PageResults.Message("请求格式不正确",
        "提交的内容不是本页的表单，未作任何更改。请打开链接，在页面上填写后提交。", StatusCodes.Status400BadRequest,
        onward: new PageLink(PathOf(kind, token), "返回办理页面"), attributes: new Dictionary<string, object> { ["data-refusal"] = "NotAForm" });

    private static string PathOf(string kind, string token) => $"/rectify/{kind}/{Uri.EscapeDataString(token)}";
}
