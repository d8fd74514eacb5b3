using Microsoft.DurableTask;
using Workflow.App.Notifications;
using Workflow.App.Pages;

namespace Workflow.App.Projects.Orchestration;

/// <summary>
/// The objection was found unfounded (异议不成立): the notice runs on for what was left of it, or for its whole period
/// when nothing was left, and its poster is told until when. Returns the new end.
/// </summary>
public sealed class ResumeNoticeActivity(ProjectStore store, ProjectLedger ledger, ProjectRequests requests, TimeProvider time) : TaskActivity<ProjectResumeInput, DateTimeOffset>
{
    public override async Task<DateTimeOffset> RunAsync(TaskActivityContext context, ProjectResumeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var token = CancellationToken.None;
        var record = (await store.GetAsync(input.ProjectId, token).ConfigureAwait(false))!;
        var key = ProjectStepKeys.Read(input.StepKey)!.Value;
        var step = ledger.Procedure.Step(key.Step)!;
        var now = time.GetUtcNow();
        // Run again (a retried activity), the notice keeps the end it was given on the first run.
        var endsAt = record.Times is { NoticeEndsAt: { } resumed, Review: null } ? resumed
            : now + (input.Remaining > TimeSpan.Zero ? input.Remaining : TimeSpan.FromDays(step.NoticeDays!.Value));
        await store.UpdateTimesAsync(input.ProjectId, key.Round, t => t with { NoticeEndsAt = endsAt, Review = null }, token).ConfigureAwait(false);
        await requests.InformAsync(record.Project, input.StepKey, input.Sequence, ProjectRecipients.Decider(record.Project, step), NotificationKinds.NoticeStarted,
            $"公示继续：{step.Name}", $"{ProjectRequests.Describe(record.Project)}的“{step.Name}”异议经复核不成立，公示继续，至 {Shown.Time(endsAt)} 止。", now, token)
            .ConfigureAwait(false);
        return endsAt;
    }
}
