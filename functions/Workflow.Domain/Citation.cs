namespace Workflow.Domain;

/// <summary>
/// Where a rule, threshold or step of the shipped data comes from. When a seed document says it, <see cref="Seed"/>
/// names the file (e.g. "003_f16c26e024f0e78d.txt") and <see cref="Quote"/> is a sentence copied from it, which the
/// tests check against the file; when no seed says it, both are null and <see cref="Basis"/> says it is an
/// assumption and that the county configures it.
/// </summary>
/// <param name="About">What the citation backs: a step code, a setting name, or "procedure" for the whole.</param>
/// <param name="Basis">In words: what the seed says and how it is applied, or the assumption made.</param>
public sealed record Citation(string About, string Basis, string? Seed = null, string? Quote = null);
