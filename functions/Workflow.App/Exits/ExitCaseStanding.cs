namespace Workflow.App.Exits;

/// <summary>Where one case stands, without who it is about: what the county's exit pipeline counts.</summary>
/// <param name="CurrentStep">The step awaited now (a procedure step code, or objection-review-{n}); null once ended.</param>
public sealed record ExitCaseStanding(string TownshipCode, ExitCaseStatus Status, string? CurrentStep, DateTimeOffset? StepDueAt)
{
    /// <summary>Whether the awaited decision is past its due time.</summary>
    public bool IsOverdue(DateTimeOffset now) => Overdue(Status, StepDueAt, now);

    internal static bool Overdue(ExitCaseStatus status, DateTimeOffset? stepDueAt, DateTimeOffset now) =>
        status == ExitCaseStatus.InProgress && stepDueAt is { } due && due < now;
}
