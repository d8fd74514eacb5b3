using Microsoft.DurableTask;
using Workflow.App.Audit;
using Workflow.App.Exits;
using Workflow.App.Notifications;

namespace Workflow.App.Rectification.Orchestration;

/// <summary>The 督办单's deadline passed too: 约谈 of the unit's head, recorded in the history and the audit log, and both sides told.</summary>
public sealed class SummonActivity(RectificationStore items, RectificationRequests requests, AuditLog audit) : TaskActivity<OverdueInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, OverdueInput input)
    {
        var token = CancellationToken.None;
        var item = await items.UpdateAsync(input.ItemId, input.Sequence, i => i.Summon(), token).ConfigureAwait(false);
        var unit = item.Finding.ResponsibleUnit;
        var text = $"督办后仍逾期未整改，约谈{unit}主要负责人。";
        await audit.AppendOnceAsync(new AuditEntry(item.ItemId, input.Step, "summon", "系统（到期自动约谈）", "System", text, input.At), "summon", token).ConfigureAwait(false);
        await items.AppendTimelineAsync(item.ItemId, new TimelineEntry(input.Sequence, input.At, LedgerTimelineKinds.Summoned, input.Step, text), token).ConfigureAwait(false);
        await requests.AskToSubmitAsync(item, input.Sequence, input.At, NotificationKinds.RectificationSummoned, "约谈通知：整改事项督办后仍逾期",
            $"约谈通知：{unit}在督办时限内仍未完成整改，县扶贫办将约谈主要负责人，请尽快整改并提交。", token).ConfigureAwait(false);
        await requests.InformAsync(item, input.Sequence, "county", RectificationRecipients.CountyVerifier(item), NotificationKinds.RectificationSummoned,
            $"督办后仍逾期：约谈{unit}", $"{RectificationRequests.Describe(item)}督办后仍逾期，应约谈{unit}主要负责人。",
            $"/rectifications/{item.ItemId}", input.At, token).ConfigureAwait(false);
        return true;
    }
}
