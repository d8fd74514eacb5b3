using Microsoft.DurableTask;
using Workflow.App.Audit;
using Workflow.App.Notifications;

namespace Workflow.App.Projects.Orchestration;

/// <summary>
/// An objection pauses the notice: it is marked with its review, the notice shows as paused, and the step's decider gets
/// the review link, due in the step's working days. The objector's contact and reason stay in the objections table, for
/// the reviewer only. Returns the review's deadline.
/// </summary>
public sealed class TakeObjectionActivity(ProjectStore store, ProjectLedger ledger, ProjectObjections objections, ProjectRequests requests, ProjectDeadlines deadlines,
    AuditLog audit, TimeProvider time) : TaskActivity<ProjectObjectionInput, ProjectDeadline>
{
    public override async Task<ProjectDeadline> RunAsync(TaskActivityContext context, ProjectObjectionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var token = CancellationToken.None;
        var objection = input.Objection;
        await objections.AssignReviewAsync(objection, input.ReviewKey, token).ConfigureAwait(false);
        var record = (await store.GetAsync(objection.ProjectId, token).ConfigureAwait(false))!;
        var project = record.Project;
        var key = ProjectStepKeys.Read(objection.StepKey)!.Value;
        var step = ledger.Procedure.Step(key.Step)!;
        var now = time.GetUtcNow();
        var deadline = deadlines.For(step, now);
        await store.UpdateTimesAsync(project.ProjectId, key.Round, t => t with { NoticeEndsAt = null, Review = input.Review, OverdueAt = deadline.OverdueAt }, token)
            .ConfigureAwait(false);
        await audit.AppendOnceAsync(new AuditEntry(project.ProjectId, step.Code, "ObjectionFiled", "群众（公示二维码）", "Public", "公示期间收到异议，公示暂停，待复核。", objection.FiledAt),
            $"objection-{objection.ObjectionId}", token).ConfigureAwait(false);
        await requests.AskAsync(project, ProjectRequests.ReviewPurpose, input.ReviewKey, ProjectRecipients.Decider(project, step), input.Sequence, now, deadline.OverdueAt,
            NotificationKinds.ObjectionFiled, $"公示异议待复核：{step.Name}",
            $"{ProjectRequests.Describe(project)}的“{step.Name}”收到异议，公示暂停。请于 {ProjectRequests.Due(deadline)} 前通过链接复核：异议不成立则公示继续，异议成立则项目退回村级申报。",
            token).ConfigureAwait(false);
        return deadline;
    }
}
