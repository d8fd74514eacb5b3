using Workflow.Domain.Plans;

namespace Workflow.Domain.Campaigns;

/// <summary>One gate of an advance as checked: the condition in zh-CN and, when it fails, what blocks it (empty when it passes).</summary>
public sealed record GateCheck(string PhaseKey, PhaseGate Gate, string Condition, IReadOnlyList<string> Blockers)
{
    public bool Passed => Blockers.Count == 0;
}
