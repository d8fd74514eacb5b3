namespace Workflow.Durable;

/// <summary>Something the orchestrator asked for that history does not record yet; the worker turns it into messages.</summary>
internal abstract record OrchestratorAction(int TaskId)
{
    /// <summary>The history event that records this action once it is taken.</summary>
    public abstract HistoryEvent ToHistoryEvent();

    public abstract string Describe();
}

internal sealed record ScheduleTaskAction(int TaskId, string Name, string? Input) : OrchestratorAction(TaskId)
{
    public override HistoryEvent ToHistoryEvent() => new TaskScheduled(TaskId, Name, Input);

    public override string Describe() => $"activity '{Name}' (task #{TaskId})";
}

internal sealed record CreateSubOrchestrationAction(int TaskId, string Name, string? Version, string InstanceId, string? Input) : OrchestratorAction(TaskId)
{
    public override HistoryEvent ToHistoryEvent() => new SubOrchestrationCreated(TaskId, Name, Version, InstanceId, Input);

    public override string Describe() => $"sub-orchestration '{Name}' (task #{TaskId})";
}

internal sealed record CreateTimerAction(int TaskId, DateTime FireAt) : OrchestratorAction(TaskId)
{
    public override HistoryEvent ToHistoryEvent() => new TimerCreated(TaskId, FireAt);

    public override string Describe() => $"timer (task #{TaskId})";
}
