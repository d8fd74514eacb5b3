using Workflow.Domain.Exits;
using Microsoft.DurableTask;
using Workflow.App.Notifications;
using Workflow.App.Register;

namespace Workflow.App.Exits.Orchestration;

/// <summary>
/// Ends a case: its status and outcome on the case row and in the history, the reason on the register when an exit
/// leaves the household 未脱贫, and a notification to the township and the village.
/// </summary>
public sealed class CloseCaseActivity(ExitCaseStore cases, RegisterStore register, NotificationOutbox outbox, TimeProvider time) : TaskActivity<CloseInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CloseInput input)
    {
        var token = CancellationToken.None;
        var at = time.GetUtcNow();
        var read = await cases.ReadRequiredAsync(input.CaseId, token).ConfigureAwait(false);
        var exitCase = read.Case;
        // Only an exit keeps its rejection on the register: an entry's household may not be on it.
        if (input.Status != ExitCaseStatus.Approved && exitCase.Kind == CaseKind.Exit)
        {
            await register.RecordExitAsync(exitCase.CountyCode, exitCase.HouseholdNumber, new ExitRecord(input.CaseId, null, input.Outcome), token).ConfigureAwait(false);
        }

        await cases.UpdateAsync(read, input.Sequence, c => c.End(input.Status, at, input.Outcome), token).ConfigureAwait(false);
        await cases.AppendTimelineAsync(input.CaseId, new TimelineEntry(input.Sequence, at, TimelineKinds.Ended, null,
            $"办结：{input.Status.ChineseName()}。{input.Outcome}"), token).ConfigureAwait(false);
        var kind = input.Status switch
        {
            ExitCaseStatus.Approved => NotificationKinds.CaseApproved,
            ExitCaseStatus.Withdrawn => NotificationKinds.CaseWithdrawn,
            _ => NotificationKinds.CaseRejected,
        };
        foreach (var (role, suffix) in new[] { (ExitRole.TownshipApprover, "t"), (ExitRole.VillageCommittee, "v") })
        {
            await outbox.RecordAsync(new NotificationMessage(
                $"{input.CaseId}.{input.Sequence}.{suffix}",
                kind,
                input.CaseId,
                ExitRecipients.For(role, exitCase),
                $"{exitCase.Kind.ChineseName()}办结（{input.Status.ChineseName()}）：{exitCase.HeadName} 户",
                $"{exitCase.Township}{exitCase.Village} {exitCase.HeadName} 户（户编号 {exitCase.HouseholdNumber}）的{exitCase.Kind.ChineseName()}已办结：{input.Outcome}",
                null,
                at), token).ConfigureAwait(false);
        }

        return true;
    }
}
