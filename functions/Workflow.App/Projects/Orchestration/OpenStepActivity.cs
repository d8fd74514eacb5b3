using System.Globalization;
using Microsoft.DurableTask;
using Workflow.Domain.Projects;
using Workflow.App.Durable;
using Workflow.App.Notifications;
using Workflow.App.Pages;

namespace Workflow.App.Projects.Orchestration;

/// <summary>
/// Opens the step the store says the project waits on: a decision step's decider gets the link to decide it, due in the
/// step's working days; a notice's poster gets the printable notice (its QR code opens the objection form), posted for
/// the step's days; operation opens nothing (its quarters do). Returns the step with its times and the clock as read.
/// </summary>
public sealed class OpenStepActivity(ProjectStore store, ProjectLedger ledger, ProjectRequests requests, ProjectDeadlines deadlines, CountyClock clock)
    : TaskActivity<ProjectStepInput, ProjectStepOpening>
{
    public override async Task<ProjectStepOpening> RunAsync(TaskActivityContext context, ProjectStepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var token = CancellationToken.None;
        var reading = clock.Read();
        var record = await store.GetAsync(input.ProjectId, token).ConfigureAwait(false) ?? throw new InvalidOperationException($"Project {input.ProjectId} is not stored.");
        var project = record.Project;
        var step = ledger.Procedure.Step(record.Progress.CurrentStep)!;
        var round = record.Progress.Ended.Count;
        var key = record.StepKey;
        var holder = ProjectRecipients.Decider(project, step);
        if (step.Kind == ProjectStepKind.Operation)
        {
            return new ProjectStepOpening(step.Code, step.Kind, round, key, null, null, reading);
        }

        if (step.Kind == ProjectStepKind.Notice)
        {
            // Run again (a retried activity), the notice keeps the end it was given.
            var endsAt = record.Times?.NoticeEndsAt ?? reading.Now + TimeSpan.FromDays(step.NoticeDays!.Value);
            await store.UpdateTimesAsync(project.ProjectId, round, t => t with { NoticeEndsAt = endsAt, Review = null }, token).ConfigureAwait(false);
            // The printed QR code must outlive the period and any pause for objections, so its link lives a while after it.
            await requests.AskAsync(project, ProjectRequests.NoticePurpose, key, holder, input.Sequence, reading.Now, endsAt + ProjectRequests.EscalatedLinkLifetime,
                NotificationKinds.NoticeStarted, $"请张贴公示：{step.Name}",
                string.Create(CultureInfo.InvariantCulture, $"{ProjectRequests.Describe(project)}进入“{step.Name}”，公示 {step.NoticeDays} 天，至 {Shown.Time(endsAt)} 止。请打开链接打印公示单张贴，群众可扫描公示单上的二维码反映异议。"),
                token).ConfigureAwait(false);
            return new ProjectStepOpening(step.Code, step.Kind, round, key, null, endsAt, reading);
        }

        var deadline = deadlines.For(step, reading.Now);
        await store.UpdateTimesAsync(project.ProjectId, round, t => t with { OverdueAt = deadline.OverdueAt }, token).ConfigureAwait(false);
        await requests.AskAsync(project, ProjectRequests.StepPurpose, key, holder, input.Sequence, reading.Now, deadline.OverdueAt, NotificationKinds.DecisionAwaited,
            $"待办：{step.Name}", $"{ProjectRequests.Describe(project)}待{ProjectRecipients.NameOf(project, step)}{ProjectRequests.Asked(step)}，请于 {ProjectRequests.Due(deadline)} 前通过链接办理。",
            token).ConfigureAwait(false);
        return new ProjectStepOpening(step.Code, step.Kind, round, key, deadline, null, reading);
    }
}
