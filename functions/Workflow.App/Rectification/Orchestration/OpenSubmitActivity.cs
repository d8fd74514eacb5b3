using Workflow.Domain.Rectification;
using Microsoft.DurableTask;
using Workflow.App.Exits;
using Workflow.App.Notifications;

namespace Workflow.App.Rectification.Orchestration;

/// <summary>
/// Hands the item to its unit for a round: 待整改 becomes 整改中 (a sent-back item is 整改中 already), the timeline says
/// so, and the unit gets a link to submit. Returns when the deadline in force has passed, for the overdue timer.
/// </summary>
public sealed class OpenSubmitActivity(RectificationStore items, RectificationRequests requests, TimeProvider time) : TaskActivity<ItemStepInput, DateTimeOffset>
{
    public override async Task<DateTimeOffset> RunAsync(TaskActivityContext context, ItemStepInput input)
    {
        var token = CancellationToken.None;
        var at = time.GetUtcNow();
        var item = await items.UpdateAsync(input.ItemId, input.Sequence, i => i.Status == RectificationStatus.Open ? i.Assign() : i, token).ConfigureAwait(false);
        var unit = item.Finding.ResponsibleUnit;
        var firstRound = item.Round == 1;
        await items.AppendTimelineAsync(item.ItemId, new TimelineEntry(input.Sequence, at, LedgerTimelineKinds.Assigned, input.Step,
            firstRound
                ? $"已交{unit}整改，整改时限 {LedgerFormat.Day(item.Deadline)}。"
                : $"第 {item.Round} 轮整改：已退回{unit}重新整改，整改时限 {LedgerFormat.Day(item.Deadline)}。"), token).ConfigureAwait(false);
        await requests.AskToSubmitAsync(item, input.Sequence, at,
            firstRound ? NotificationKinds.RectificationAssigned : NotificationKinds.RectificationSentBack,
            firstRound ? "整改任务：反馈问题待整改" : "整改退回：请重新整改",
            firstRound ? null : $"县扶贫办退回了整改材料，理由：{item.SendBackReason}。", token).ConfigureAwait(false);
        return SupervisionPolicy.OverdueAt(item.Deadline);
    }
}
