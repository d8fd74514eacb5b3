using Microsoft.DurableTask;
using Workflow.App.Notifications;

namespace Workflow.App.Exits.Orchestration;

/// <summary>Reminds the deciding role before the step is due, with a fresh link.</summary>
public sealed class RemindActivity(ExitCaseStore cases, DecisionRequests requests, TimeProvider time) : TaskActivity<StepInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, StepInput input)
    {
        var token = CancellationToken.None;
        var at = time.GetUtcNow();
        var exitCase = (await cases.ReadRequiredAsync(input.CaseId, token).ConfigureAwait(false)).Case;
        var role = input.Step.DecidedBy!.Value;
        await cases.AppendTimelineAsync(input.CaseId, new TimelineEntry(input.Sequence, at, TimelineKinds.Reminder, input.StepKey,
            $"已提醒{ExitRecipients.NameOf(role, exitCase)}办理“{input.Step.Name}”。"), token).ConfigureAwait(false);
        await requests.SendAsync(new DecisionRequest(exitCase, role, input.StepKey, input.Step.Name, NotificationKinds.Reminder,
            $"催办：{input.Step.Name}即将到期", exitCase.StepDueAt, input.Sequence, at), token).ConfigureAwait(false);
        return true;
    }
}
