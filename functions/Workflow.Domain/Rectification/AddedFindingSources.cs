namespace Workflow.Domain.Rectification;

/// <summary>
/// A county's own 反馈问题来源 beyond the built-in ones (Rectification/Sources/*.json): data, so a county adds one
/// without a release of code.
/// </summary>
public sealed record AddedFindingSources(string CountyCode, string CountyName, IReadOnlyList<AddedFindingSource> Sources)
{
    /// <summary>This list, or why it cannot be shipped (a blank, repeated or built-in name, or no basis).</summary>
    public AddedFindingSources Checked()
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in Sources)
        {
            var name = source.Name.Trim();
            if (name.Length == 0 || name.Length > FindingRowValidator.MaxCategoryLength || name != source.Name)
            {
                problems.Add($"'{source.Name}' must be 1 to {FindingRowValidator.MaxCategoryLength} characters without surrounding spaces");
            }

            if (FindingSourceChoices.IsBuiltIn(name))
            {
                problems.Add($"'{name}' is a built-in source or one of its names");
            }

            if (!seen.Add(name))
            {
                problems.Add($"'{name}' is listed twice");
            }

            if (string.IsNullOrWhiteSpace(source.Basis))
            {
                problems.Add($"'{name}' has no basis (the seed sentence, or that it is the county's own choice)");
            }
        }

        return problems.Count == 0
            ? this
            : throw new InvalidDataException($"Finding sources of {CountyCode}: {string.Join("; ", problems)}.");
    }
}

/// <param name="Basis">Where the source comes from: the seed file and the sentence, or that the county chose it.</param>
/// <param name="Seed">The seed file that names the source, when one does.</param>
/// <param name="Quote">The seed's sentence naming it, verbatim.</param>
public sealed record AddedFindingSource(string Name, string Basis, string? Seed = null, string? Quote = null);
