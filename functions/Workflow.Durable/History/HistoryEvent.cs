using System.Text.Json.Serialization;

namespace Workflow.Durable;

/// <summary>
/// One fact in an instance's append-only history. Replaying these in order rebuilds the orchestrator's
/// state; inputs and results are JSON text so history never depends on CLR types.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ExecutionStarted), "started")]
[JsonDerivedType(typeof(OrchestratorStarted), "step")]
[JsonDerivedType(typeof(TaskScheduled), "taskScheduled")]
[JsonDerivedType(typeof(TaskCompleted), "taskCompleted")]
[JsonDerivedType(typeof(TaskFailed), "taskFailed")]
[JsonDerivedType(typeof(SubOrchestrationCreated), "subCreated")]
[JsonDerivedType(typeof(SubOrchestrationCompleted), "subCompleted")]
[JsonDerivedType(typeof(SubOrchestrationFailed), "subFailed")]
[JsonDerivedType(typeof(TimerCreated), "timerCreated")]
[JsonDerivedType(typeof(TimerFired), "timerFired")]
[JsonDerivedType(typeof(EventRaised), "eventRaised")]
[JsonDerivedType(typeof(ExecutionSuspended), "suspended")]
[JsonDerivedType(typeof(ExecutionResumed), "resumed")]
[JsonDerivedType(typeof(ExecutionTerminated), "terminated")]
[JsonDerivedType(typeof(ExecutionCompleted), "completed")]
public abstract record HistoryEvent;

/// <summary>The first event of an execution. A sub-orchestration knows its parent so it can report back.</summary>
public sealed record ExecutionStarted(
    string Name,
    string? Version,
    string? Input,
    string ExecutionId,
    ParentInstance? Parent = null) : HistoryEvent;

/// <summary>Where a sub-orchestration reports its result: the parent's instance, execution and task.</summary>
public sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskId);

/// <summary>Marks the start of a step; its time is what <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/> returns while replaying it.</summary>
public sealed record OrchestratorStarted(DateTime Timestamp) : HistoryEvent;

public sealed record TaskScheduled(int TaskId, string Name, string? Input) : HistoryEvent;

public sealed record TaskCompleted(int TaskId, string? Result) : HistoryEvent;

public sealed record TaskFailed(int TaskId, TaskFailureDetails Failure) : HistoryEvent;

public sealed record SubOrchestrationCreated(int TaskId, string Name, string? Version, string InstanceId, string? Input) : HistoryEvent;

public sealed record SubOrchestrationCompleted(int TaskId, string? Result) : HistoryEvent;

public sealed record SubOrchestrationFailed(int TaskId, TaskFailureDetails Failure) : HistoryEvent;

public sealed record TimerCreated(int TaskId, DateTime FireAt) : HistoryEvent;

public sealed record TimerFired(int TaskId, DateTime FireAt) : HistoryEvent;

public sealed record EventRaised(string Name, string? Input) : HistoryEvent;

public sealed record ExecutionSuspended(string? Reason) : HistoryEvent;

public sealed record ExecutionResumed(string? Reason) : HistoryEvent;

public sealed record ExecutionTerminated(string? Reason) : HistoryEvent;

/// <summary>The last event of an execution: Completed, Failed, Terminated or ContinuedAsNew.</summary>
public sealed record ExecutionCompleted(OrchestrationRuntimeStatus Status, string? Result, TaskFailureDetails? Failure) : HistoryEvent;
