namespace Workflow.App.Exits;

/// <summary>
/// A decision as it was made through a link: recorded with the link's redemption before it is raised to the case,
/// so a crash between the two loses nothing (<see cref="DecisionIntake"/> raises it again).
/// </summary>
/// <param name="Approved">For an objection review: true dismisses the objection (the notice goes on), false upholds it.</param>
public sealed record StepDecision(
    string CaseId,
    string Step,
    bool Approved,
    string? Comment,
    string Actor,
    string Role,
    DateTimeOffset DecidedAt,
    string LinkId,
    string? ClientIp,
    string? UserAgent);
