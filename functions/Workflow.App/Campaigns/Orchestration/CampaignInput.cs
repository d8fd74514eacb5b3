using Workflow.Domain.Campaigns;
using Workflow.Domain.Plans;

namespace Workflow.App.Campaigns.Orchestration;

/// <summary>
/// One execution of the campaign: the validated plan, the phase this execution runs (entered at its start date or
/// when the office starts it, closed when the office advances it) and the days earlier phases were entered.
/// </summary>
public sealed record CampaignInput(AnnualPlan Plan, int PhaseIndex, IReadOnlyList<PhaseEntry> Entered);

/// <summary>
/// The campaign's custom status: the phase it is in, whether it has been entered, the orchestrator version running it,
/// and how many advances of the phase its gates refused (the next advance is raised as a new attempt).
/// </summary>
public sealed record CampaignProgress(string PhaseKey, bool Open, IReadOnlyList<PhaseEntry> Entered, string Version, int RefusedAdvances = 0);

/// <summary>How the year ended: the last phase closed by the office.</summary>
public sealed record CampaignResult(string LastPhase, DateTimeOffset ClosedAt);

/// <summary>What a phase activity needs: the plan, the phase and when and by whom it happened.</summary>
public sealed record PhaseActivityInput(AnnualPlan Plan, int PhaseIndex, DateTimeOffset At, string? Actor, string Version, IReadOnlyList<PhaseEntry> Entered);

/// <summary>A review of the open tasks at one of the schedule's instants (a reminder time or a 逾期 time).</summary>
public sealed record ReviewInput(AnnualPlan Plan, DateTimeOffset At, IReadOnlyList<PhaseEntry> Entered);

/// <summary>The gates of advancing from <paramref name="FromKey"/>, checked by the orchestration as it takes an advance.</summary>
public sealed record GateInput(AnnualPlan Plan, string FromKey);

/// <summary>An advance the orchestration refused because its gates failed when it took it: attempt <paramref name="Attempt"/> and what blocked it.</summary>
public sealed record RefusedAdvanceInput(AnnualPlan Plan, int PhaseIndex, AdvanceCommand Command, int Attempt, IReadOnlyList<string> Blockers, DateTimeOffset At, string Version);

/// <summary>The office's advance as the orchestration takes it.</summary>
public sealed record AdvanceInput(AnnualPlan Plan, int PhaseIndex, AdvanceCommand Command, DateTimeOffset At, string Version);
