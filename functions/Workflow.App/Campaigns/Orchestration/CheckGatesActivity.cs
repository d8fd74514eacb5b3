using Microsoft.DurableTask;

namespace Workflow.App.Campaigns.Orchestration;

/// <summary>Checks an advance's gates against the ledger as the orchestration takes the advance; returns every blocker (empty: they pass).</summary>
public sealed class CheckGatesActivity(CampaignReader reader) : TaskActivity<GateInput, IReadOnlyList<string>>
{
    public override async Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, GateInput input)
    {
        var gates = await reader.CheckGatesAsync(input.Plan, input.FromKey, null, CancellationToken.None).ConfigureAwait(false);
        return gates.SelectMany(g => g.Blockers.Select(b => $"{g.Condition}——{b}")).ToList();
    }
}
