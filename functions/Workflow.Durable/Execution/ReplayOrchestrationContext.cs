using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Workflow.Durable;

/// <summary>
/// The context orchestrator code runs against. It hands out task ids in call order, matches what the code
/// schedules against history, and completes the code's awaits as the executor feeds it events.
/// Completions run their continuations inline on purpose: asynchronous continuations would let
/// Task.WhenAny/WhenAll finish on the thread pool after the replay drained, and the orchestrator would stall.
/// </summary>
internal sealed class ReplayOrchestrationContext(ExecutionStarted started, string instanceId) : TaskOrchestrationContext
{
    private readonly Dictionary<int, Action<HistoryEvent>> _open = [];
    private readonly SortedDictionary<int, OrchestratorAction> _unmatched = [];
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<string?>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<string?>> _buffered = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<int> _cancelledTimers = [];
    private int _nextTaskId;
    private int _guidCounter;

    public override string Name => started.Name;
    public override string InstanceId => instanceId;
    public override string Version => started.Version ?? string.Empty;
    public override ParentInstance? Parent => started.Parent;
    public override DateTime CurrentUtcDateTime => Now;
    public override bool IsReplaying => Replaying;

    internal DateTime Now { get; set; }
    internal bool Replaying { get; set; }
    internal string? CustomStatus { get; private set; }
    internal (string? Input, bool PreserveEvents)? ContinueAsNewRequest { get; private set; }

    /// <summary>Timers cancelled in this step before they fired: their messages need not be delivered.</summary>
    internal IReadOnlyList<int> CancelledTimers => _cancelledTimers;

    /// <summary>Actions scheduled in this step, in task id order, for the worker to carry out.</summary>
    internal IReadOnlyCollection<OrchestratorAction> NewActions => _unmatched.Values;

    /// <summary>Events that arrived but were never waited for; continue-as-new can carry them over.</summary>
    internal IEnumerable<EventRaised> UnconsumedEvents =>
        _buffered.SelectMany(b => b.Value.Select(input => new EventRaised(b.Key, input)));

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serialized = DurableJson.Serialize(input);
        return WithRetry(options?.Retry, () => Schedule<TResult>(id => new ScheduleTaskAction(id, name, serialized), name));
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, SubOrchestrationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serialized = DurableJson.Serialize(input);
        return WithRetry(options?.Retry, () => Schedule<TResult>(
            id => new CreateSubOrchestrationAction(id, name, options?.Version, options?.InstanceId ?? $"{InstanceId}:{id}", serialized),
            name));
    }

    public override Task CreateTimer(DateTime fireAtUtc, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<string?>();
        var taskId = _nextTaskId;
        Track(new CreateTimerAction(taskId, DateTime.SpecifyKind(fireAtUtc, DateTimeKind.Utc)), completion, "timer");
        if (cancellationToken.CanBeCanceled)
        {
            // The worker deletes the timer's message when it can; if not, the timer fires later and finds the task done.
            // A cancellation replayed from history was reported by the step that made it.
            cancellationToken.Register(() =>
            {
                if (completion.TrySetCanceled(cancellationToken) && !Replaying)
                {
                    _cancelledTimers.Add(taskId);
                }
            });
        }

        return completion.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        if (_buffered.TryGetValue(eventName, out var buffered) && buffered.Count > 0)
        {
            var input = buffered.Dequeue();
            return Task.FromResult(DurableJson.Deserialize<T>(input));
        }

        var waiter = new TaskCompletionSource<string?>();
        if (!_waiters.TryGetValue(eventName, out var waiters))
        {
            _waiters[eventName] = waiters = new LinkedList<TaskCompletionSource<string?>>();
        }

        var node = waiters.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    waiters.Remove(node);
                }

                waiter.TrySetCanceled(cancellationToken);
            });
        }

        return Deserialized<T>(waiter.Task);
    }

    public override async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        using var stopTimer = new CancellationTokenSource();
        using var stopWaiting = new CancellationTokenSource();
        var timer = CreateTimer(CurrentUtcDateTime + timeout, stopTimer.Token);
        var received = WaitForExternalEvent<T>(eventName, stopWaiting.Token);
        // Cancel synchronously: CancelAsync would resume this method on the thread pool, outside replay.
        if (await Task.WhenAny(received, timer) == received)
        {
            stopTimer.Cancel();
            return await received;
        }

        stopWaiting.Cancel();
        throw new TaskCanceledException($"No '{eventName}' event arrived within {timeout}.");
    }

    public override void SetCustomStatus(object? customStatus) => CustomStatus = DurableJson.Serialize(customStatus);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        ContinueAsNewRequest = (DurableJson.Serialize(newInput), preserveUnprocessedEvents);

    public override Guid NewGuid()
    {
        // Name-based, from values that are identical on every replay; version 5 layout over a SHA-256 digest.
        var name = $"{InstanceId}_{Now:O}_{_guidCounter++}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public override ILogger CreateReplaySafeLogger(ILogger logger) => new ReplaySafeLogger(this, logger);

    /// <summary>History records that <paramref name="recorded"/> was scheduled; the code must have asked for the same.</summary>
    internal void MatchScheduled(int taskId, Func<OrchestratorAction, bool> same, string recorded)
    {
        if (!_unmatched.Remove(taskId, out var action))
        {
            throw new NonDeterministicOrchestrationException(recorded, "nothing at that position");
        }

        if (!same(action))
        {
            throw new NonDeterministicOrchestrationException(recorded, action.Describe());
        }
    }

    /// <summary>After replaying history, an action at or below the last recorded id was never matched: code changed.</summary>
    internal void CheckNothingUnmatchedUpTo(int lastRecordedTaskId)
    {
        var stray = _unmatched.Values.FirstOrDefault(a => a.TaskId <= lastRecordedTaskId);
        if (stray is not null)
        {
            throw new NonDeterministicOrchestrationException("a different task at that position", stray.Describe());
        }
    }

    /// <summary>Completes the await for a task; a completion for a task nobody awaits (a duplicate) is ignored.</summary>
    internal void Complete(int taskId, HistoryEvent outcome)
    {
        if (_open.Remove(taskId, out var complete))
        {
            complete(outcome);
        }
    }

    internal void Deliver(EventRaised raised)
    {
        if (_waiters.TryGetValue(raised.Name, out var waiters) && waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value.TrySetResult(raised.Input);
            return;
        }

        if (!_buffered.TryGetValue(raised.Name, out var queue))
        {
            _buffered[raised.Name] = queue = new Queue<string?>();
        }

        queue.Enqueue(raised.Input);
    }

    private async Task<TResult> WithRetry<TResult>(RetryPolicy? policy, Func<Task<TResult>> attempt)
    {
        if (policy is null)
        {
            return await attempt();
        }

        var firstAttemptAt = CurrentUtcDateTime;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException) when (number < policy.MaxAttempts &&
                                              (policy.RetryTimeout == Timeout.InfiniteTimeSpan ||
                                               CurrentUtcDateTime - firstAttemptAt < policy.RetryTimeout))
            {
                await CreateTimer(CurrentUtcDateTime + policy.DelayBefore(number + 1), CancellationToken.None);
            }
        }
    }

    private Task<TResult> Schedule<TResult>(Func<int, OrchestratorAction> action, string name)
    {
        var completion = new TaskCompletionSource<string?>();
        Track(action(_nextTaskId), completion, name);
        return Deserialized<TResult>(completion.Task);
    }

    private void Track(OrchestratorAction action, TaskCompletionSource<string?> completion, string name)
    {
        var id = _nextTaskId++;
        _unmatched[id] = action;
        _open[id] = outcome =>
        {
            switch (outcome)
            {
                case TaskFailed failed:
                    completion.TrySetException(new TaskFailedException(name, id, failed.Failure));
                    break;
                case SubOrchestrationFailed failed:
                    completion.TrySetException(new TaskFailedException(name, id, failed.Failure));
                    break;
                case TaskCompleted done:
                    completion.TrySetResult(done.Result);
                    break;
                case SubOrchestrationCompleted done:
                    completion.TrySetResult(done.Result);
                    break;
                default:
                    completion.TrySetResult(null);
                    break;
            }
        };
    }

    private static async Task<T> Deserialized<T>(Task<string?> json) => DurableJson.Deserialize<T>(await json);

    private sealed class ReplaySafeLogger(ReplayOrchestrationContext context, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => !context.IsReplaying && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!context.IsReplaying)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
