using Microsoft.DurableTask;
using Workflow.App.Audit;

namespace Workflow.App.Campaigns.Orchestration;

/// <summary>
/// Records the office's advance: the transition in the campaign's history, and in the audit log who advanced and,
/// for an override, the written reason and every blocker it went past.
/// </summary>
public sealed class RecordAdvanceActivity(CampaignStore store, AuditLog audit) : TaskActivity<AdvanceInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, AdvanceInput input)
    {
        var token = CancellationToken.None;
        var plan = input.Plan;
        var command = input.Command;
        var from = plan.Phases[input.PhaseIndex];
        var to = input.PhaseIndex + 1 < plan.Phases.Count ? plan.Phases[input.PhaseIndex + 1] : null;
        var subject = CampaignKeys.InstanceId(plan.CountyCode, plan.Year);
        var overridden = command.OverrideReason is not null;
        await audit.AppendOnceAsync(new AuditEntry(subject, from.Key, overridden ? "override" : "advance", command.Actor, command.Role,
            overridden ? $"{command.OverrideReason}（越过：{string.Join("；", command.Overridden)}）" : null, command.At), $"advance-{from.Key}", token).ConfigureAwait(false);
        if (overridden)
        {
            await store.AppendTimelineAsync(plan.CountyCode, plan.Year, new CampaignTimelineEntry(input.At, 0, $"override-{from.Key}", CampaignTimelineKinds.Overridden,
                from.Key, $"{command.Actor}强制推进，理由：{command.OverrideReason}；越过{command.Overridden.Count}项未满足条件。", command.Actor, input.Version,
                command.OverrideReason, command.Overridden.Count), token)
                .ConfigureAwait(false);
        }

        var text = to is null ? $"“{from.Name}”结束，年度脱贫攻坚完成。" : $"“{from.Name}”结束，推进到“{to.Name}”（计划{to.Start:yyyy-MM-dd}开始）。";
        await store.AppendTimelineAsync(plan.CountyCode, plan.Year, new CampaignTimelineEntry(input.At, 1, $"advance-{from.Key}",
            to is null ? CampaignTimelineKinds.Completed : CampaignTimelineKinds.Advanced, from.Key, text, command.Actor, input.Version), token).ConfigureAwait(false);
        return true;
    }
}
