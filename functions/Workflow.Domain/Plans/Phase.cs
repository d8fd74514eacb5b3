namespace Workflow.Domain.Plans;

/// <summary>阶段 — a dated part of the campaign year (e.g. 百日会战), with what is to be done in it.</summary>
/// <param name="Key">Stable English key, e.g. HundredDayCampaign, that tasks refer to.</param>
/// <param name="Gates">推进条件: what must hold before the county office may enter or close the phase; none when omitted.</param>
public sealed record Phase(string Key, string Name, DateOnly Start, DateOnly End, IReadOnlyList<string> Activities, IReadOnlyList<PhaseGate>? Gates = null);
