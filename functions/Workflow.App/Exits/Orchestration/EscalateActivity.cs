using Microsoft.DurableTask;
using Workflow.App.Notifications;

namespace Workflow.App.Exits.Orchestration;

/// <summary>
/// At the due time, hands the step to the supervising role as well: the supervisor gets a link of their own, and
/// whichever of the two decides first decides the step.
/// </summary>
public sealed class EscalateActivity(ExitCaseStore cases, DecisionRequests requests, TimeProvider time) : TaskActivity<StepInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, StepInput input)
    {
        var token = CancellationToken.None;
        var at = time.GetUtcNow();
        var read = await cases.ReadRequiredAsync(input.CaseId, token).ConfigureAwait(false);
        var exitCase = read.Case;
        var supervisor = input.Step.EscalateTo!.Value;
        var late = ExitRecipients.NameOf(input.Step.DecidedBy!.Value, exitCase);
        await cases.UpdateAsync(read, input.Sequence, c => c.Escalate(), token).ConfigureAwait(false);
        await cases.AppendTimelineAsync(input.CaseId, new TimelineEntry(input.Sequence, at, TimelineKinds.Escalated, input.StepKey,
            $"“{input.Step.Name}”已超期，{late}未办理，已上报{ExitRecipients.NameOf(supervisor, exitCase)}督办。"), token).ConfigureAwait(false);
        await requests.SendAsync(new DecisionRequest(exitCase, supervisor, input.StepKey, input.Step.Name, NotificationKinds.Escalated,
            $"超期督办：{input.Step.Name}", null, input.Sequence, at, Note: $"{late}超期未办理，请督办或直接办理。"), token).ConfigureAwait(false);
        return true;
    }
}
