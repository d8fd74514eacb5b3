using Workflow.App.Evidence;
using Workflow.App.Exits.Web;
using Workflow.App.Links;
using Workflow.App.Pages;

namespace Workflow.App.Campaigns.Web;

/// <summary>
/// The report link (进展报送链接) a lead unit opens from its notification: the task, what is due, and a form for the
/// progress, whether the target is reached, and evidence. The link is the unit's only credential.
/// </summary>
internal static class TaskReportEndpoints
{
    public const int MaxProgressLength = 1000;
    public const int MaxNameLength = 20;

    public static void MapTaskReports(this IEndpointRouteBuilder app)
    {
        app.MapGet(TaskReportLinks.PathPrefix + "{token}", async (string token, TaskReportIntake intake, CancellationToken ct) =>
        {
            var check = await intake.CheckAsync(token, ct);
            return check.Refusal is { } refusal ? LinkRefusalPage.For(refusal) : Form(token, check, null, StatusCodes.Status200OK);
        });

        app.MapPost(TaskReportLinks.PathPrefix + "{token}", async (string token, HttpContext http, TaskReportIntake intake, EvidenceStore evidence, TimeProvider time,
            CancellationToken ct) =>
        {
            var check = await intake.CheckAsync(token, ct);
            if (check.Refusal is { } refusal)
            {
                return LinkRefusalPage.For(refusal);
            }

            var form = await http.Request.ReadFormAsync(ct);
            var entered = new EnteredReport(form["name"].ToString().Trim(), form["progress"].ToString().Trim(), form["completed"].ToString() == "yes");
            var problem = entered.Name.Length is 0 or > MaxNameLength ? $"请填写报送人姓名（不超过 {MaxNameLength} 字）。"
                : entered.Progress.Length is 0 or > MaxProgressLength ? $"请填写工作进展（不超过 {MaxProgressLength} 字）。"
                : null;
            if (problem is not null)
            {
                return Form(token, check, problem, StatusCodes.Status400BadRequest, entered);
            }

            var link = check.Link!;
            var unit = CampaignRecipients.UnitOf(link.Holder);
            if (form.Files.GetFile("evidence") is { Length: > 0 } file)
            {
                try
                {
                    await using var content = file.OpenReadStream();
                    await evidence.UploadAsync(link.Subject, link.Step, file.FileName, file.ContentType, content, $"{entered.Name}（{unit}）", ct);
                }
                catch (EvidenceRejectedException e)
                {
                    return Form(token, check, e.Message, StatusCodes.Status400BadRequest, entered);
                }
            }

            var report = new TaskReport(link.Subject, link.LinkId, unit, entered.Name, entered.Progress, entered.Completed, time.GetUtcNow(), link.Step);
            if (await intake.ReportAsync(link, report, ct) is { } lost)
            {
                return LinkRefusalPage.For(lost);
            }

            return PageLayout.Page("已报送", $"""
                <p class="ok" data-reported="{(entered.Completed ? "completed" : "progress")}">进展已报送{(entered.Completed ? "（已完成）" : string.Empty)}。</p>
                <p class="note">本链接已失效；下一报送节点前将另行发送链接。</p>
                """);
        });
    }

    private static IResult Form(string token, ReportLinkCheck check, string? problem, int status, EnteredReport? entered = null)
    {
        var task = check.Task!;
        var link = check.Link!;
        var t = Uri.EscapeDataString(token);
        var body = $"""
            <p class="note">报送单位：{E(CampaignRecipients.UnitOf(link.Holder))} · 报送节点：{E(link.Step)}</p>
            {(problem is null ? string.Empty : $"<p class=\"bad\" role=\"alert\">{E(problem)}</p>")}
            <table>
            <tr><th>任务</th><td>{E(task.Number)}、{E(task.Title)}</td></tr>
            <tr><th>完成时限</th><td>{E(task.Deadline)}</td></tr>
            <tr><th>牵头单位</th><td>{E(string.Join("、", task.LeadUnits))}</td></tr>
            </table>
            <form method="post" enctype="multipart/form-data" action="{TaskReportLinks.PathPrefix}{t}">
            <p><label>报送人姓名<br><input name="name" maxlength="{MaxNameLength}" required value="{E(entered?.Name ?? string.Empty)}"></label></p>
            <p><label>工作进展<br><textarea name="progress" rows="5" maxlength="{MaxProgressLength}" required style="width:100%">{E(entered?.Progress ?? string.Empty)}</textarea></label></p>
            <p><label><input type="checkbox" name="completed" value="yes"{(entered?.Completed == true ? " checked" : string.Empty)}> 目标任务已完成</label></p>
            <p><label>佐证材料（可选，JPEG/PNG/PDF）<br><input type="file" name="evidence" accept="image/jpeg,image/png,application/pdf"></label></p>
            <p><button type="submit">提交报送</button></p>
            </form>
            """;
        return PageLayout.Page("任务进展报送", body, status);
    }

    private static string E(string text) => PageLayout.Html.Encode(text);

    private sealed record EnteredReport(string Name, string Progress, bool Completed);
}
