namespace Workflow.Durable;

/// <summary>
/// How to start an instance: a caller-chosen id makes the start idempotent; <paramref name="RestartIfEnded"/>
/// lets an id that has ended run again.
/// </summary>
public sealed record StartOrchestrationOptions(string? InstanceId = null, string? Version = null, DateTimeOffset? StartAt = null, bool RestartIfEnded = false);
