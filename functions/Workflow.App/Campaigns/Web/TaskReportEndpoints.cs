using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.App.Evidence;
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

            return PageResults.Message("已报送", $"进展已报送{(entered.Completed ? "（已完成）" : string.Empty)}。", ok: true,
                note: "本链接已失效；下一报送节点前将另行发送链接。",
                attributes: new Dictionary<string, object> { ["data-reported"] = entered.Completed ? "completed" : "progress" });
        });
    }

    private static RazorComponentResult<TaskReportPage> Form(string token, ReportLinkCheck check, string? problem, int status, EnteredReport? entered = null) =>
        PageResults.Page<TaskReportPage>(new Dictionary<string, object?>
        {
            [nameof(TaskReportPage.Token)] = token,
            [nameof(TaskReportPage.Task)] = check.Task!,
            [nameof(TaskReportPage.Unit)] = CampaignRecipients.UnitOf(check.Link!.Holder),
            [nameof(TaskReportPage.DueName)] = TaskReportPage.Describe(check.Link.Step),
            [nameof(TaskReportPage.Problem)] = problem,
            [nameof(TaskReportPage.Name)] = entered?.Name,
            [nameof(TaskReportPage.Progress)] = entered?.Progress,
            [nameof(TaskReportPage.Completed)] = entered?.Completed == true,
        }, status);

    private sealed record EnteredReport(string Name, string Progress, bool Completed);
}
