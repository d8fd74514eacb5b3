namespace Workflow.Domain.Standards;

/// <summary>指标 — one measurable exit condition of a rule set.</summary>
/// <param name="Code">Stable English key that ties the indicator to the measured facts, e.g. "income".</param>
/// <param name="Name">The indicator as the documents name it.</param>
/// <param name="Threshold">What the measurement must satisfy.</param>
/// <param name="Evidence">佐证材料 the checker needs to see.</param>
/// <param name="Basis">How the threshold and its boundary follow from the documents, or the assumption made.</param>
/// <param name="PerVillageAmount">For coverage indicators only: the collective income a village must reach to count.</param>
/// <param name="Seed">The seed file <paramref name="Quote"/> is copied from; null when <paramref name="Basis"/> states an assumption.</param>
/// <param name="Quote">A sentence or clause of <paramref name="Seed"/>, verbatim (the tests check it).</param>
public sealed record Indicator(
    string Code,
    string Name,
    Threshold Threshold,
    IReadOnlyList<string> Evidence,
    string Basis,
    decimal? PerVillageAmount = null,
    string? Seed = null,
    string? Quote = null);
