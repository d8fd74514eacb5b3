using Workflow.Domain.Exits;

namespace Workflow.Functions.Exits.Orchestration;

// The inputs of the exit activities. Each carries the orchestration's sequence number, which keys what the
// activity writes (timeline line, notification, audit entry), so running an activity twice writes nothing twice.

/// <param name="StepKey">The step's code, or objection-review-{n} for the n-th objection review.</param>
public sealed record StepInput(string CaseId, ProcedureStep Step, string StepKey, int Sequence, DateTimeOffset At);

public sealed record DecisionInput(StepDecision Decision, string StepName, int Sequence);

public sealed record NoticeInput(string CaseId, int Sequence, DateTimeOffset At, DateTimeOffset EndsAt, bool Resumed);

public sealed record ObjectionInput(Objection Objection, string ReviewStepKey, int Sequence);

public sealed record CloseInput(string CaseId, int Sequence, DateTimeOffset At, ExitCaseStatus Status, string Outcome);

public sealed record TimelineInput(string CaseId, TimelineEntry Entry);
