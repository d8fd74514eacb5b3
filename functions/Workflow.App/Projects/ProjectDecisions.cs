using Workflow.Domain.Projects;

namespace Workflow.App.Projects;

/// <summary>
/// What a step's decider did through the step's link, kept with the link's redemption: the outcome, the note, the
/// acceptance report kept as evidence (验收), or, for an objection review (<see cref="ProjectStepKeys.Review"/>), whether
/// the objection is upheld (<see cref="ProjectOutcome.ObjectionUpheld"/>) or dismissed (<see cref="ProjectOutcome.NoticePassed"/>).
/// </summary>
public sealed record ProjectLinkDecision(string ProjectId, string StepKey, ProjectOutcome Outcome, string? Note, string Actor, string Role, string? EvidenceId,
    DateTimeOffset DecidedAt, string LinkId, string? ClientIp, string? UserAgent);

/// <summary>A quarter's income and dividends as the township entered them through its link (运营季报).</summary>
public sealed record ProjectQuarterEntry(string ProjectId, string Quarter, decimal Income, decimal Dividends, string Actor, DateTimeOffset EnteredAt, string LinkId,
    string? ClientIp, string? UserAgent);
