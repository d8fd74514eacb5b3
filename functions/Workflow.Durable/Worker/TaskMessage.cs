namespace Workflow.Durable;

/// <summary>
/// A unit of work on a queue: one history event for one instance. The id is deterministic where the
/// message can be sent twice (a re-sent step, a re-run activity), so the receiver can drop the duplicate.
/// </summary>
public sealed record TaskMessage(string Id, string InstanceId, string? ExecutionId, HistoryEvent Event);
