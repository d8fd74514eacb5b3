using Workflow.Domain.Exits;
using Microsoft.DurableTask;
using Workflow.App.Notifications;

namespace Workflow.App.Exits.Orchestration;

/// <summary>Records that an objection paused the notice and tells the township it is coming for review.</summary>
public sealed class RecordObjectionActivity(ExitCaseStore cases, NotificationOutbox outbox) : TaskActivity<ObjectionInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ObjectionInput input)
    {
        var token = CancellationToken.None;
        var objection = input.Objection;
        var exitCase = (await cases.ReadRequiredAsync(objection.CaseId, token).ConfigureAwait(false)).Case;
        await cases.AppendTimelineAsync(objection.CaseId, new TimelineEntry(input.Sequence, objection.FiledAt, TimelineKinds.ObjectionFiled, input.ReviewStepKey,
            $"收到公示异议，公示暂停，转乡镇复核。异议内容：{objection.Reason}"), token).ConfigureAwait(false);
        await outbox.RecordAsync(new NotificationMessage(
            $"{objection.CaseId}.{input.Sequence}",
            NotificationKinds.ObjectionFiled,
            objection.CaseId,
            ExitRecipients.For(ExitRole.TownshipApprover, exitCase),
            $"公示异议：{exitCase.HeadName} 户",
            $"{exitCase.Village} {exitCase.HeadName} 户的退出公示收到异议，公示已暂停，复核链接随后发送。",
            null,
            objection.FiledAt), token).ConfigureAwait(false);
        return true;
    }
}
