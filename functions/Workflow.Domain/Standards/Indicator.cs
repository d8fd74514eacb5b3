namespace Workflow.Domain.Standards;

/// <summary>指标 — one measurable exit condition of a rule set.</summary>
/// <param name="Code">Stable English key that ties the indicator to the measured facts, e.g. "income".</param>
/// <param name="Name">The indicator as the documents name it.</param>
/// <param name="Threshold">What the measurement must satisfy.</param>
/// <param name="Evidence">佐证材料 the checker needs to see.</param>
/// <param name="Basis">The document sentence the threshold and its boundary come from.</param>
/// <param name="PerVillageAmount">For coverage indicators only: the collective income a village must reach to count.</param>
public sealed record Indicator(
    string Code,
    string Name,
    Threshold Threshold,
    IReadOnlyList<string> Evidence,
    string Basis,
    decimal? PerVillageAmount = null);
