using Microsoft.DurableTask;
using Workflow.App.Links;
using Workflow.App.Notifications;

namespace Workflow.App.Campaigns.Orchestration;

/// <summary>On a phase's last day, reminds the office that the phase is due to be advanced (a phase never closes itself).</summary>
public sealed class RemindPhaseEndActivity(CampaignStore store, NotificationOutbox outbox, LinkAddresses addresses) : TaskActivity<PhaseActivityInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, PhaseActivityInput input)
    {
        var token = CancellationToken.None;
        var plan = input.Plan;
        var phase = plan.Phases[input.PhaseIndex];
        var next = input.PhaseIndex + 1 < plan.Phases.Count ? $"推进到“{plan.Phases[input.PhaseIndex + 1].Name}”" : "结束年度攻坚";
        var text = $"“{phase.Name}”今日（{phase.End:yyyy-MM-dd}）到期。请核对推进条件后{next}。";
        await store.AppendTimelineAsync(plan.CountyCode, plan.Year, new CampaignTimelineEntry(input.At, 0, $"ending-{phase.Key}", CampaignTimelineKinds.PhaseEnding,
            phase.Key, text, null, input.Version), token).ConfigureAwait(false);
        await outbox.RecordAsync(new NotificationMessage($"phase-ending-{CampaignKeys.Partition(plan.CountyCode, plan.Year)}-{phase.Key}", NotificationKinds.PhaseEnding,
            CampaignKeys.InstanceId(plan.CountyCode, plan.Year), CampaignRecipients.Office(plan.CountyCode), $"阶段到期：{phase.Name}", text,
            addresses.Absolute(CampaignKeys.BoardPath(plan.CountyCode, plan.Year)), input.At), token).ConfigureAwait(false);
        return true;
    }
}
