using System.Globalization;
using Microsoft.DurableTask;

namespace Workflow.App.Campaigns.Orchestration;

/// <summary>
/// Records an advance the orchestration refused: it passed the request's check, but the gates failed when the
/// orchestration took it (an item entered in between, or the command waited while the worker was down).
/// </summary>
public sealed class RecordRefusedAdvanceActivity(CampaignStore store) : TaskActivity<RefusedAdvanceInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RefusedAdvanceInput input)
    {
        var plan = input.Plan;
        var from = plan.Phases[input.PhaseIndex];
        var text = $"{input.Command.Actor}推进“{from.Name}”未执行：推进时复核条件未满足——{string.Join("；", input.Blockers)}";
        await store.AppendTimelineAsync(plan.CountyCode, plan.Year, new CampaignTimelineEntry(input.At, 1,
            string.Create(CultureInfo.InvariantCulture, $"refused-{from.Key}-{input.Attempt}"), CampaignTimelineKinds.AdvanceRefused, from.Key, text,
            input.Command.Actor, input.Version), CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
