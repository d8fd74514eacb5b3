using Microsoft.Extensions.Logging;

namespace Workflow.Durable;

/// <summary>
/// What orchestrator code can do: schedule activities, sub-orchestrations and durable timers, wait for
/// external events, and read deterministic time and GUIDs. Every method is replay-safe.
/// </summary>
public abstract class TaskOrchestrationContext
{
    public abstract string Name { get; }
    public abstract string InstanceId { get; }

    /// <summary>The version this instance started on; it keeps it until it ends or continues as new.</summary>
    public abstract string Version { get; }

    public abstract ParentInstance? Parent { get; }

    /// <summary>The time the current step started, from history: the same on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the orchestrator re-runs steps that history already records.</summary>
    public abstract bool IsReplaying { get; }

    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, SubOrchestrationOptions? options = null);

    public Task CallSubOrchestratorAsync(string name, object? input = null, SubOrchestrationOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(name, input, options);

    /// <summary>A durable timer: it survives restarts, and one longer than a queue can hold is re-armed.</summary>
    public abstract Task CreateTimer(DateTime fireAtUtc, CancellationToken cancellationToken);

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    /// <summary>
    /// Waits for an event raised by name. Events that arrived before the wait are buffered and handed out
    /// first in, first out.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="WaitForExternalEvent{T}(string, CancellationToken)"/>; throws <see cref="TaskCanceledException"/> when the timeout passes first.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout);

    /// <summary>A small status visible to clients and queries (e.g. the current step of a case).</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Ends this execution when the orchestrator returns and starts a fresh one with <paramref name="newInput"/>.</summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A GUID derived from the instance and the replay position: the same on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that stays silent while replaying, so each line is written once.</summary>
    public abstract ILogger CreateReplaySafeLogger(ILogger logger);
}
