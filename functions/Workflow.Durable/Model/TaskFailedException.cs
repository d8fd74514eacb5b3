namespace Workflow.Durable;

/// <summary>Thrown into an orchestrator when an activity or sub-orchestration it awaited failed.</summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with {failureDetails.ErrorType}: {failureDetails.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    public string TaskName { get; }
    public int TaskId { get; }
    public TaskFailureDetails FailureDetails { get; }
}
