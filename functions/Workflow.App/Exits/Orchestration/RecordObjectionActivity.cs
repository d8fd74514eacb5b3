using Workflow.Domain.Exits;
using Microsoft.DurableTask;
using Workflow.App.Notifications;

namespace Workflow.App.Exits.Orchestration;

/// <summary>
/// Records an objection in its review round: the objection is marked with the round (the reviewer's page lists a round's
/// objections), the case history says what it did to the case, and the township is told.
/// </summary>
public sealed class RecordObjectionActivity(ExitCaseStore cases, ObjectionIntake objections, NotificationOutbox outbox) : TaskActivity<ObjectionInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ObjectionInput input)
    {
        var token = CancellationToken.None;
        var objection = input.Objection;
        var exitCase = (await cases.ReadRequiredAsync(objection.CaseId, token).ConfigureAwait(false)).Case;
        await objections.AssignReviewAsync(objection, input.ReviewStepKey, input.Sequence, token).ConfigureAwait(false);
        var (what, told) = input.Arrival switch
        {
            ObjectionArrival.JoinsReview => ("复核期间又收到公示异议，并入本轮复核", "又收到一条异议，已并入正在进行的复核，请在复核链接中一并查看。"),
            ObjectionArrival.Unseen => ("该异议在上一轮复核结论提交时尚未列出，另行复核", "有一条异议在上一轮复核结论提交时尚未列出，将另行复核，复核链接随后发送。"),
            _ => ("收到公示异议，公示暂停，转乡镇复核", "收到异议，公示已暂停，复核链接随后发送。"),
        };
        await cases.AppendTimelineAsync(objection.CaseId, new TimelineEntry(input.Sequence, objection.FiledAt, TimelineKinds.ObjectionFiled, input.ReviewStepKey,
            $"{what}。异议内容：{objection.Reason}"), token).ConfigureAwait(false);
        await outbox.RecordAsync(new NotificationMessage(
            $"{objection.CaseId}.{input.Sequence}",
            NotificationKinds.ObjectionFiled,
            objection.CaseId,
            ExitRecipients.For(ExitRole.TownshipApprover, exitCase),
            $"公示异议：{exitCase.HeadName} 户",
            $"{exitCase.Village} {exitCase.HeadName} 户的{(exitCase.Kind == CaseKind.Exit ? "退出" : "纳入")}公示{told}",
            null,
            objection.FiledAt), token).ConfigureAwait(false);
        return true;
    }
}
