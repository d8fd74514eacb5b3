using Microsoft.DurableTask;
using Workflow.App.Audit;
using Workflow.App.Exits;
using Workflow.App.Notifications;

namespace Workflow.App.Rectification.Orchestration;

/// <summary>
/// Applies a submission, a verification or a send-back to the item, and puts it into the audit log and the item's
/// history, once however often it runs. A closed item's unit is told.
/// </summary>
public sealed class RecordDecisionActivity(RectificationStore items, AuditLog audit, RectificationRequests requests) : TaskActivity<RecordInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RecordInput input)
    {
        var token = CancellationToken.None;
        var d = input.Decision;
        var (action, said) = d.Verdict switch
        {
            RectificationVerdict.Submitted => ("submit", "提交整改情况和佐证材料"),
            RectificationVerdict.Verified => ("verify", "核验通过，已销号"),
            _ => ("send-back", "核验未通过，退回重新整改"),
        };
        await audit.AppendOnceAsync(new AuditEntry(d.ItemId, d.Step, action, d.Actor, d.Role, d.Comment, d.DecidedAt, d.LinkId, d.ClientIp, d.UserAgent),
            $"decision-{d.Step}", token).ConfigureAwait(false);
        var kind = d.Verdict switch
        {
            RectificationVerdict.Submitted => LedgerTimelineKinds.Submitted,
            RectificationVerdict.Verified => LedgerTimelineKinds.Closed,
            _ => LedgerTimelineKinds.SentBack,
        };
        var label = d.Verdict == RectificationVerdict.SentBack ? "理由" : "说明";
        await items.AppendTimelineAsync(d.ItemId, new TimelineEntry(input.Sequence, d.DecidedAt, kind, d.Step,
            string.IsNullOrWhiteSpace(d.Comment) ? $"{said}。" : $"{said}。{label}：{d.Comment}", d.Actor), token).ConfigureAwait(false);

        // The status changes last: whoever sees it (a console, a waiting test) finds the audit entry and the history line already there.
        var item = await items.UpdateAsync(d.ItemId, input.Sequence, i => d.Verdict switch
        {
            RectificationVerdict.Submitted => i.Submit(),
            RectificationVerdict.Verified => i.Verify(d.DecidedAt),
            _ => i.SendBack(d.Comment ?? string.Empty),
        }, token).ConfigureAwait(false);
        if (d.Verdict == RectificationVerdict.Verified)
        {
            await requests.InformAsync(item, input.Sequence, "closed", RectificationRecipients.Unit(item), NotificationKinds.RectificationClosed, "整改事项已销号",
                $"{RectificationRequests.Describe(item)}经县扶贫办核验，已销号。", null, d.DecidedAt, token).ConfigureAwait(false);
        }

        return true;
    }
}
