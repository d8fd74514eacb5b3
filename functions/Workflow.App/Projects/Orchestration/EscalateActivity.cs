using Microsoft.DurableTask;
using Workflow.App.Audit;
using Workflow.App.Notifications;

namespace Workflow.App.Projects.Orchestration;

/// <summary>
/// A deadline passed with nothing done: 督办. The holder gets a long-lived link with the 督办, the county office a copy,
/// the audit an entry, as funds and rectifications escalate. False when nothing is awaited any more.
/// </summary>
public sealed class EscalateActivity(ProjectStore store, ProjectLedger ledger, ProjectRequests requests, AuditLog audit) : TaskActivity<ProjectAtInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ProjectAtInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var token = CancellationToken.None;
        var record = (await store.GetAsync(input.ProjectId, token).ConfigureAwait(false))!;
        var project = record.Project;
        var awaited = ProjectAwaited.Of(record, ledger.Procedure, input.Key);
        if (!awaited.Pending)
        {
            return false;
        }

        var due = input.Deadline is { } deadline ? $"（时限 {ProjectRequests.Due(deadline)}）" : string.Empty;
        var text = $"{ProjectRequests.Describe(project)}的“{awaited.What}”已超过办理时限{due}，县扶贫办予以督办，请{awaited.HolderName}尽快办理。";
        await audit.AppendOnceAsync(new AuditEntry(project.ProjectId, awaited.Step ?? "operation", "supervise", "系统（到期自动督办）", "System", text, input.At),
            $"supervise-{input.Key}", token).ConfigureAwait(false);
        if (ProjectStepKeys.Read(input.Key) is { } read)
        {
            await store.UpdateTimesAsync(project.ProjectId, read.Round, t => t with { Escalated = true }, token).ConfigureAwait(false);
        }

        await requests.AskAsync(project, awaited.Purpose, input.Key, awaited.Holder, input.Sequence, input.At, null, NotificationKinds.Escalated,
            $"督办：{awaited.What}已逾期", text, token).ConfigureAwait(false);
        await requests.InformAsync(project, input.Key, input.Sequence, ProjectRecipients.CountyOffice(project), NotificationKinds.Escalated,
            $"已督办：{awaited.HolderName}", text, input.At, token).ConfigureAwait(false);
        return true;
    }
}
