namespace Workflow.Durable;

/// <summary>Options for calling an activity.</summary>
public record TaskOptions(RetryPolicy? Retry = null);

/// <summary>Options for calling a sub-orchestration: its instance id (default: derived from the parent) and version.</summary>
public sealed record SubOrchestrationOptions(string? InstanceId = null, string? Version = null, RetryPolicy? Retry = null)
    : TaskOptions(Retry);
