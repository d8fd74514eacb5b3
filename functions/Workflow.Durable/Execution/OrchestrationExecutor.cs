namespace Workflow.Durable;

/// <summary>
/// Runs one step of an orchestration without any I/O: replays the orchestrator over its past history,
/// feeds it the step's new events, and reports what it decided.
/// </summary>
internal static class OrchestrationExecutor
{
    public static OrchestrationStepResult Execute(
        ITaskOrchestrator orchestrator,
        string instanceId,
        IReadOnlyList<HistoryEvent> past,
        IReadOnlyList<HistoryEvent> newEvents)
    {
        var started = past.Concat(newEvents).OfType<ExecutionStarted>().FirstOrDefault()
                      ?? throw new InvalidOperationException($"Instance '{instanceId}' has no ExecutionStarted event to replay from.");
        var context = new ReplayOrchestrationContext(started, instanceId)
        {
            Now = past.Concat(newEvents).OfType<OrchestratorStarted>().Select(s => s.Timestamp).FirstOrDefault(),

            // The code up to the first await already ran in an earlier step only if there is an earlier step.
            Replaying = past.Count > 0,
        };
        var scheduler = new OrchestrationTaskScheduler();
        var replay = new Replay(context, scheduler);

        Task<object?> run;
        try
        {
            var input = DurableJson.Deserialize(started.Input, orchestrator.InputType);
            run = Task.Factory.StartNew(
                () => orchestrator.RunAsync(context, input),
                CancellationToken.None,
                TaskCreationOptions.DenyChildAttach,
                scheduler).Unwrap();
        }
        catch (System.Text.Json.JsonException e)
        {
            return OrchestrationStepResult.Failed(TaskFailureDetails.FromException(
                new ArgumentException($"The input of '{started.Name}' is not a valid {orchestrator.InputType.Name}: {e.Message}", e)));
        }

        try
        {
            scheduler.RunUntilIdle();
            foreach (var recorded in past)
            {
                replay.Apply(recorded);
            }

            context.CheckNothingUnmatchedUpTo(past.Select(RecordedTaskId).DefaultIfEmpty(-1).Max());
            context.Replaying = false;
            foreach (var arrived in newEvents)
            {
                if (run.IsCompleted || replay.TerminationReason is not null)
                {
                    break;
                }

                replay.Apply(arrived);
            }
        }
        catch (NonDeterministicOrchestrationException e)
        {
            return OrchestrationStepResult.Failed(TaskFailureDetails.FromException(e));
        }

        var actions = context.NewActions.ToList();
        if (replay.TerminationReason is { } reason)
        {
            return new OrchestrationStepResult([], context.CustomStatus,
                new ExecutionCompleted(OrchestrationRuntimeStatus.Terminated, DurableJson.Serialize(reason), null), null, [], false);
        }

        if (!run.IsCompleted)
        {
            return new OrchestrationStepResult(actions, context.CustomStatus, null, null, [], replay.Suspended) { CancelledTimers = [.. context.CancelledTimers] };
        }

        if (run.IsFaulted || run.IsCanceled)
        {
            var error = run.Exception?.InnerException ?? new TaskCanceledException("The orchestrator was cancelled.");
            return new OrchestrationStepResult(actions, context.CustomStatus,
                new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(error)), null, [], false);
        }

        if (context.ContinueAsNewRequest is { } next)
        {
            return new OrchestrationStepResult(actions, context.CustomStatus,
                new ExecutionCompleted(OrchestrationRuntimeStatus.ContinuedAsNew, null, null),
                next.Input,
                next.PreserveEvents ? context.UnconsumedEvents.Concat(replay.Deferred.OfType<EventRaised>()).ToList() : [],
                false);
        }

        return new OrchestrationStepResult(actions, context.CustomStatus,
            new ExecutionCompleted(OrchestrationRuntimeStatus.Completed, DurableJson.Serialize(run.Result), null), null, [], false);
    }

    private static int RecordedTaskId(HistoryEvent e) => e switch
    {
        TaskScheduled t => t.TaskId,
        TimerCreated t => t.TaskId,
        SubOrchestrationCreated s => s.TaskId,
        _ => -1,
    };

    /// <summary>Applies history to the context one event at a time, letting the orchestrator run between events.</summary>
    private sealed class Replay(ReplayOrchestrationContext context, OrchestrationTaskScheduler scheduler)
    {
        private readonly List<HistoryEvent> _deferred = [];

        public bool Suspended { get; private set; }
        public string? TerminationReason { get; private set; }

        /// <summary>Events that arrived while suspended and wait for a resume.</summary>
        public IReadOnlyList<HistoryEvent> Deferred => _deferred;

        public void Apply(HistoryEvent e)
        {
            switch (e)
            {
                case OrchestratorStarted step:
                    context.Now = step.Timestamp;
                    break;
                case TaskScheduled t:
                    context.MatchScheduled(t.TaskId, a => a is ScheduleTaskAction s && s.Name == t.Name, $"activity '{t.Name}' (task #{t.TaskId})");
                    break;
                case TimerCreated t:
                    context.MatchScheduled(t.TaskId, a => a is CreateTimerAction, $"timer (task #{t.TaskId})");
                    break;
                case SubOrchestrationCreated s:
                    context.MatchScheduled(s.TaskId, a => a is CreateSubOrchestrationAction c && c.Name == s.Name, $"sub-orchestration '{s.Name}' (task #{s.TaskId})");
                    break;
                case ExecutionSuspended:
                    Suspended = true;
                    break;
                case ExecutionResumed:
                    Suspended = false;
                    foreach (var deferred in _deferred)
                    {
                        Deliver(deferred);
                    }

                    _deferred.Clear();
                    break;
                case ExecutionTerminated terminated:
                    TerminationReason = terminated.Reason ?? string.Empty;
                    break;
                case TaskCompleted or TaskFailed or TimerFired or SubOrchestrationCompleted or SubOrchestrationFailed or EventRaised:
                    if (Suspended)
                    {
                        _deferred.Add(e);
                    }
                    else
                    {
                        Deliver(e);
                    }

                    break;
            }

            scheduler.RunUntilIdle();
        }

        private void Deliver(HistoryEvent e)
        {
            switch (e)
            {
                case TaskCompleted c: context.Complete(c.TaskId, c); break;
                case TaskFailed f: context.Complete(f.TaskId, f); break;
                case TimerFired t: context.Complete(t.TaskId, t); break;
                case SubOrchestrationCompleted c: context.Complete(c.TaskId, c); break;
                case SubOrchestrationFailed f: context.Complete(f.TaskId, f); break;
                case EventRaised r: context.Deliver(r); break;
            }

            scheduler.RunUntilIdle();
        }
    }
}

/// <summary>What one step decided: new actions, the custom status, and how the execution ended if it did.</summary>
internal sealed record OrchestrationStepResult(
    IReadOnlyList<OrchestratorAction> Actions,
    string? CustomStatus,
    ExecutionCompleted? Completion,
    string? ContinueAsNewInput,
    IReadOnlyList<EventRaised> CarriedEvents,
    bool Suspended)
{
    /// <summary>Timers of a running execution cancelled in this step; an ended execution's timers are all moot.</summary>
    public IReadOnlyList<int> CancelledTimers { get; init; } = [];

    public static OrchestrationStepResult Failed(TaskFailureDetails failure) =>
        new([], null, new ExecutionCompleted(OrchestrationRuntimeStatus.Failed, null, failure), null, [], false);
}
