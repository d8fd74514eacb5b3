using Workflow.Domain.Calendar;
using Workflow.Domain.Exits;
using Microsoft.DurableTask;
using Workflow.App.Durable;
using Workflow.App.Notifications;
using Workflow.App.Pages;

namespace Workflow.App.Exits.Orchestration;

/// <summary>Opens a decision step: works out its deadline in working days, shows it on the case and asks the deciding role.</summary>
public sealed class OpenStepActivity(ExitCaseStore cases, DecisionRequests requests, CountyClock clock) : TaskActivity<StepInput, OpenedStep>
{
    public override async Task<OpenedStep> RunAsync(TaskActivityContext context, StepInput input)
    {
        var token = CancellationToken.None;
        var reading = clock.Read();
        var at = reading.Now;
        var read = await cases.ReadRequiredAsync(input.CaseId, token).ConfigureAwait(false);
        var exitCase = read.Case;
        var role = input.Step.DecidedBy!.Value;
        var deadline = StepDeadline.For(input.Step, at, WorkingCalendar.China);
        await cases.UpdateAsync(read, input.Sequence, c => c.AwaitStep(input.StepKey, deadline.DueAt), token).ConfigureAwait(false);
        // The case shows the step before the link goes out (the link is refused for a step the case is not on); the
        // history line need not hold the link up.
        await Task.WhenAll(
            cases.AppendTimelineAsync(input.CaseId, new TimelineEntry(input.Sequence, at, TimelineKinds.StepOpened, input.StepKey,
                $"“{input.Step.Name}”开始，待{ExitRecipients.NameOf(role, exitCase)}办理，{Shown.Time(deadline.DueAt)} 前完成" +
                (deadline.Provisional ? "（该年度节假日安排未公布，暂按周一至周五计算）。" : "。")), token),
            requests.SendAsync(new DecisionRequest(exitCase, role, input.StepKey, input.Step.Name, NotificationKinds.DecisionAwaited,
                $"待办：{input.Step.Name}", deadline.DueAt, input.Sequence, at), token)).ConfigureAwait(false);
        return new OpenedStep(deadline, reading);
    }
}
