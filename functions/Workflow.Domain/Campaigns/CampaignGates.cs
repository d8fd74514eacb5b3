using System.Globalization;
using Workflow.Domain.Plans;
using Workflow.Domain.Rectification;
using Workflow.Domain.Register;

namespace Workflow.Domain.Campaigns;

/// <summary>
/// The gates an advance must pass: the closing gates of the phase it leaves and the entry gates of the phase it enters
/// (none after the last phase). Every blocker is listed, so the office sees at once all that stands in the way.
/// </summary>
public static class CampaignGates
{
    /// <summary>The gates of advancing from <paramref name="fromKey"/>, closing ones first.</summary>
    public static IReadOnlyList<(Phase Phase, PhaseGate Gate)> ForAdvance(AnnualPlan plan, string fromKey)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var index = IndexOf(plan, fromKey);
        var from = plan.Phases[index];
        var gates = (from.Gates ?? []).Where(g => g.At == GateMoment.Close).Select(g => (from, g)).ToList();
        if (index + 1 < plan.Phases.Count)
        {
            var to = plan.Phases[index + 1];
            gates.AddRange((to.Gates ?? []).Where(g => g.At == GateMoment.Enter).Select(g => (to, g)));
        }

        return gates;
    }

    public static IReadOnlyList<GateCheck> Evaluate(AnnualPlan plan, string fromKey, GateFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return ForAdvance(plan, fromKey).Select(pair => Check(pair.Phase, pair.Gate, facts)).ToList();
    }

    /// <summary>The gate as the board states it, e.g. “进入「迎检验收」前：整改问题全部销号”.</summary>
    public static string Describe(Phase phase, PhaseGate gate)
    {
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(gate);
        var moment = gate.At == GateMoment.Enter ? "进入" : "结束";
        var condition = gate.Kind switch
        {
            GateKind.RectificationClosed => "整改问题全部销号",
            GateKind.FindingsEntered => $"已录入{SourceName(gate.Source)}反馈问题",
            _ => throw new ArgumentOutOfRangeException(nameof(gate), gate.Kind, "Unknown gate kind."),
        };
        return $"{moment}「{phase.Name}」前：{condition}";
    }

    public static int IndexOf(AnnualPlan plan, string phaseKey)
    {
        ArgumentNullException.ThrowIfNull(plan);
        for (var i = 0; i < plan.Phases.Count; i++)
        {
            if (plan.Phases[i].Key == phaseKey)
            {
                return i;
            }
        }

        throw new ArgumentException($"The plan has no phase '{phaseKey}'.", nameof(phaseKey));
    }

    private static GateCheck Check(Phase phase, PhaseGate gate, GateFacts facts)
    {
        var blockers = gate.Kind switch
        {
            GateKind.RectificationClosed => facts.Unclosed.Select(Blocker).ToList(),
            GateKind.FindingsEntered when facts.Findings.GetValueOrDefault(gate.Source!.Value) == 0 =>
                [$"尚未录入{SourceName(gate.Source)}反馈问题"],
            _ => new List<string>(),
        };
        return new GateCheck(phase.Key, gate, Describe(phase, gate), blockers);
    }

    private static string Blocker(OpenRectificationItem item) => string.Create(CultureInfo.InvariantCulture,
        $"整改事项{item.ItemId}（{item.SourceName}）未销号：{item.Description}；责任单位{item.ResponsibleUnit}，期限{item.Deadline:yyyy-MM-dd}，状态{item.Status}");

    private static string SourceName(FindingSource? source) => source is { } s ? ChineseTerms.Of(s) : "（未指明来源）";
}
