namespace Workflow.Durable;

/// <summary>
/// A unit of work on a queue: one history event for one instance. The id is deterministic where the
/// message can be sent twice (a re-sent step, a re-run activity), so the receiver can drop the duplicate.
/// <paramref name="Deferrals"/> counts how often it was put back to wait for its instance to start.
/// </summary>
public sealed record TaskMessage(string Id, string InstanceId, string? ExecutionId, HistoryEvent Event, int Deferrals = 0);
