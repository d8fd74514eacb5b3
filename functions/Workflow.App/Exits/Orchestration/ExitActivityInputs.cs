using Workflow.Domain.Exits;
using Workflow.App.Durable;

namespace Workflow.App.Exits.Orchestration;

// The inputs of the exit activities. Each carries the orchestration's sequence number, which keys what the
// activity writes (timeline line, notification, audit entry), so running an activity twice writes nothing twice.
// None carries the time: an activity takes it from the county clock (the app's TimeProvider) as it runs, since the
// orchestration's own clock is the engine's.

/// <param name="StepKey">The step's code, or objection-review-{n} for the n-th objection review.</param>
public sealed record StepInput(string CaseId, ProcedureStep Step, string StepKey, int Sequence);

/// <summary>A step opened: its deadline, and the county clock as it was read for it (the first sleep of its timers).</summary>
public sealed record OpenedStep(StepDeadline Deadline, CountyClockReading Clock);

/// <summary>A notice opened: when it ends, and the county clock as it was read for it.</summary>
public sealed record OpenedNotice(DateTimeOffset EndsAt, CountyClockReading Clock);

public sealed record DecisionInput(StepDecision Decision, string StepName, int Sequence);

/// <param name="Remaining">How long the notice runs from now: the whole period, or what an objection left of it.</param>
public sealed record NoticeInput(string CaseId, int Sequence, TimeSpan Remaining, bool Resumed);

/// <param name="Arrival">What the objection does to the case as it arrives: what its history line and notification say.</param>
public sealed record ObjectionInput(Objection Objection, string ReviewStepKey, int Sequence, ObjectionArrival Arrival = ObjectionArrival.PausesNotice);

public sealed record CloseInput(string CaseId, int Sequence, ExitCaseStatus Status, string Outcome);

public sealed record TimelineInput(string CaseId, TimelineEntry Entry);
