namespace Workflow.Domain.Projects;

/// <summary>
/// A county's project procedure (扶贫项目库流程), shipped as data in Projects/Procedures/*.json: 申报, the review and
/// approval steps (三评一审), the notices at the configured points (六步三公示), then 实施, 验收 and 运营; and the
/// yield line its projects are held to in operation. 001 names the two systems
/// (“严格履行“三评一审”“六步三公示”制度”) but no seed lists their steps: the steps shipped are county practice, an
/// assumption each step's citation says, and a county ships its own file.
/// </summary>
public sealed record ProjectProcedure(string Name, IReadOnlyList<ProjectStep> Steps, YieldLine YieldLine, IReadOnlyList<Citation> Citations)
{
    private static readonly Lazy<IReadOnlyList<ProjectProcedure>> Shipped = new(() =>
        EmbeddedData.ReadAll<ProjectProcedure>("Projects.Procedures").Select(p => p.Checked()).ToList());

    /// <summary>The procedure counties use unless they ship their own.</summary>
    public static ProjectProcedure Default => Named("default");

    /// <summary>The shipped procedure of that name; throws when there is none.</summary>
    public static ProjectProcedure Named(string name) =>
        Shipped.Value.SingleOrDefault(p => p.Name == name) ?? throw new KeyNotFoundException($"No project procedure named '{name}' is shipped.");

    /// <summary>The step of that code, or null.</summary>
    public ProjectStep? Step(string code) => Steps.SingleOrDefault(s => s.Code == code);

    /// <summary>The step after <paramref name="code"/>, or null after the last.</summary>
    public ProjectStep? After(string code)
    {
        var index = IndexOf(code);
        return index + 1 < Steps.Count ? Steps[index + 1] : null;
    }

    public int IndexOf(string code)
    {
        for (var i = 0; i < Steps.Count; i++)
        {
            if (Steps[i].Code == code)
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"The project procedure {Name} has no step '{code}'.");
    }

    /// <summary>
    /// Refuses a procedure a project could not run through: codes must be unique, it must start with the proposal and
    /// end in operation, decisions and notices need days, and the yield line must be a rate between 0 and 1.
    /// </summary>
    public ProjectProcedure Checked()
    {
        string? problem =
            Steps.Count < 2 ? "it needs at least a proposal and operation"
            : Steps.Select(s => s.Code).Distinct(StringComparer.Ordinal).Count() != Steps.Count ? "step codes repeat"
            : Steps[0].Kind != ProjectStepKind.Proposal ? "it must start with the proposal (申报)"
            : Steps[^1].Kind != ProjectStepKind.Operation ? "it must end in operation (运营)"
            : Steps.Any(s => s.WorkingDays < 1) ? "every step needs at least one working day"
            : Steps.Any(s => (s.Kind == ProjectStepKind.Notice) != (s.NoticeDays is >= 1)) ? "a notice, and only a notice, has its days posted"
            : Steps.Any(s => string.IsNullOrWhiteSpace(s.Name) || string.IsNullOrWhiteSpace(s.Decider)) ? "every step needs a name and a decider"
            : YieldLine.MinimumAnnualRate is <= 0 or >= 1 ? "the yield line must be a rate between 0 and 1"
            : null;
        return problem is null ? this : throw new InvalidDataException($"Project procedure {Name}: {problem}.");
    }
}
