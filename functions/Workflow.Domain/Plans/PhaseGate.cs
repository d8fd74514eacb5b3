using Workflow.Domain.Rectification;

namespace Workflow.Domain.Plans;

/// <summary>
/// 推进条件 — a condition on advancing the campaign, checked when the county office closes one phase and enters the
/// next. It lives in the plan, so each county and year configures its own (002: 迎检验收 only once every finding is
/// rectified; 004: the spring offensive ends with every earlier finding rectified).
/// </summary>
/// <param name="Source">For <see cref="GateKind.FindingsEntered"/>: whose findings must be in the ledger.</param>
public sealed record PhaseGate(GateKind Kind, GateMoment At, FindingSource? Source = null);

/// <summary>What a gate asks for.</summary>
public enum GateKind
{
    /// <summary>整改问题全部销号: no rectification item of the year is still open.</summary>
    RectificationClosed,

    /// <summary>反馈问题已录入: at least one finding from the gate's source is in the ledger (e.g. the 第三方评估 list).</summary>
    FindingsEntered,
}

/// <summary>When a gate is checked: before the phase is entered, or before it is closed.</summary>
public enum GateMoment
{
    Enter,
    Close,
}
