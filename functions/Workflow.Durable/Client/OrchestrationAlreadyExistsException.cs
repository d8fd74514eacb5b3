namespace Workflow.Durable;

/// <summary>An instance with the requested id exists and was not restarted (it is running, or restart was not asked for).</summary>
public sealed class OrchestrationAlreadyExistsException(string instanceId, OrchestrationRuntimeStatus status)
    : InvalidOperationException($"An orchestration instance with id '{instanceId}' already exists ({status}).")
{
    public string InstanceId { get; } = instanceId;
    public OrchestrationRuntimeStatus Status { get; } = status;
}
