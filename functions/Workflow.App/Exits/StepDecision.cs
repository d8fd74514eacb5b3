namespace Workflow.App.Exits;

/// <summary>
/// A decision as it was made through a link: recorded with the link's redemption before it is raised to the case,
/// so a crash between the two loses nothing (<see cref="DecisionIntake"/> raises it again).
/// </summary>
/// <param name="Approved">For an objection review: true dismisses the objections (the notice goes on), false upholds them.</param>
/// <param name="Objections">For an objection review, the ids of the objections the reviewer was shown and decided: one
/// filed too late to be shown is left to a review of its own. Null decides every objection of the review.</param>
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
    string? UserAgent,
    IReadOnlyList<string>? Objections = null);
