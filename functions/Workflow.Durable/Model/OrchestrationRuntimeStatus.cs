namespace Workflow.Durable;

/// <summary>Where an orchestration instance is in its life.</summary>
public enum OrchestrationRuntimeStatus
{
    Pending,
    Running,
    Suspended,
    Completed,
    Failed,
    Terminated,
    ContinuedAsNew,
}

public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>Completed, Failed and Terminated instances take no more work.</summary>
    public static bool IsEnded(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
