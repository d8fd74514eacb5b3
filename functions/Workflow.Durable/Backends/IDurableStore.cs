namespace Workflow.Durable;

/// <summary>
/// Where the runtime keeps its state: per-instance history with an optimistic-concurrency checkpoint,
/// the queryable instances index, the control and activity queues, and the quarantine for poison messages.
/// The engine (worker and client) is written once against this seam; backends only store.
/// </summary>
public interface IDurableStore
{
    /// <summary>The clock the runtime reads; the in-memory backend's can be moved by tests.</summary>
    TimeProvider Time { get; }

    /// <summary>The longest a message can be delayed; longer timers are re-armed when they surface early.</summary>
    TimeSpan MaxMessageDelay { get; }

    Task<InstanceHistory?> LoadHistoryAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends one step and replaces the checkpoint, atomically, if the checkpoint still has <paramref name="expectedETag"/>
    /// (null: the instance has no history yet). Returns the new ETag; throws <see cref="DurableConcurrencyException"/> when another writer won.
    /// </summary>
    Task<string> CommitStepAsync(string instanceId, string? expectedETag, OrchestrationMetadata checkpoint, HistoryStep appended, CancellationToken cancellationToken);

    /// <summary>Removes history rows of executions other than <paramref name="currentExecutionId"/> (after continue-as-new or restart).</summary>
    Task PruneHistoryAsync(string instanceId, string currentExecutionId, CancellationToken cancellationToken);

    Task DeleteHistoryAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Adds the instance to the index; false when the id is taken.</summary>
    Task<bool> TryAddInstanceAsync(OrchestrationMetadata instance, CancellationToken cancellationToken);

    Task<(OrchestrationMetadata Instance, string ETag)?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Replaces the index entry if it still has <paramref name="etag"/>; false when someone changed it first.</summary>
    Task<bool> TryReplaceInstanceAsync(OrchestrationMetadata instance, string etag, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the index entry from a committed checkpoint unless the index already holds the same or a later
    /// <see cref="OrchestrationMetadata.Revision"/> (a slower worker, or a redelivery, must not roll it back).
    /// </summary>
    Task WriteInstanceIfNewerAsync(OrchestrationMetadata instance, CancellationToken cancellationToken);

    Task<InstancePage> QueryInstancesAsync(InstanceQuery query, string? continuationToken, CancellationToken cancellationToken);

    Task DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a message that becomes visible at <paramref name="visibleAt"/> (at once when null or past), or after
    /// <see cref="MaxMessageDelay"/> when that is sooner: the worker puts a timer that surfaces early back. The time is
    /// absolute so that a clock moving between the caller's reading and the send cannot push the message later.
    /// The receipt can delete the message before it is received (a cancelled timer).
    /// </summary>
    Task<MessageReceipt> SendAsync(QueueKind queue, string body, DateTimeOffset? visibleAt, CancellationToken cancellationToken);

    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(QueueKind queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>
    /// Returns when a message sent through this store object may have become visible on <paramref name="queue"/>, or
    /// after <paramref name="timeout"/>: an idle worker takes what its own process sends at once instead of at its
    /// next poll. Other processes' messages are found by polling.
    /// </summary>
    Task WaitForMessagesAsync(QueueKind queue, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Deletes the message if the receipt is still its latest; a message received since is left to its receiver.</summary>
    Task DeleteAsync(MessageReceipt message, CancellationToken cancellationToken);

    /// <summary>Messages in a queue, visible or not (approximate on Azure): the backlog a monitor watches.</summary>
    Task<int> GetQueueDepthAsync(QueueKind queue, CancellationToken cancellationToken);

    /// <summary>Makes a message visible again after <paramref name="delay"/> for another try.</summary>
    Task AbandonAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Moves a message to the quarantine with the reason, and off its queue.</summary>
    Task QuarantineAsync(ReceivedMessage message, string reason, CancellationToken cancellationToken);

    Task<IReadOnlyList<QuarantinedMessage>> ListQuarantineAsync(CancellationToken cancellationToken);

    /// <summary>Puts a quarantined message back on its queue; false when there is no such entry.</summary>
    Task<bool> RedriveAsync(string quarantineId, CancellationToken cancellationToken);
}

/// <summary>The two work queues: orchestration steps, and activity executions.</summary>
public enum QueueKind
{
    Control,
    Activity,
}

/// <summary>What identifies one delivery of a message: enough to delete it, as long as no one has received it since.</summary>
public record MessageReceipt(QueueKind Queue, string MessageId, string PopReceipt);

/// <summary>A message taken from a queue: its raw body (parsed by the engine) and what is needed to delete or abandon it.</summary>
public sealed record ReceivedMessage(QueueKind Queue, string MessageId, string PopReceipt, int DequeueCount, string Body)
    : MessageReceipt(Queue, MessageId, PopReceipt);

public sealed record QuarantinedMessage(string Id, QueueKind Queue, string Body, string Reason, DateTimeOffset QuarantinedAt);

/// <summary>The current execution's history and checkpoint of one instance.</summary>
public sealed record InstanceHistory(string ETag, OrchestrationMetadata Checkpoint, IReadOnlyList<HistoryStep> Steps)
{
    public IEnumerable<HistoryEvent> Events => Steps.SelectMany(s => s.Events);
}

/// <summary>
/// One committed step: the messages it consumed (for dedupe), the events it appended, and the messages it
/// sent — kept so that a redelivered message after a crash re-sends them instead of re-running the step.
/// </summary>
public sealed record HistoryStep(int Sequence, string ExecutionId, IReadOnlyList<string> ConsumedMessageIds, IReadOnlyList<HistoryEvent> Events, IReadOnlyList<OutboundMessage> Outbound);

/// <summary>A message a step sends, with the delay it was sent with.</summary>
public sealed record OutboundMessage(QueueKind Queue, TaskMessage Message, DateTime VisibleAt);

public sealed record InstanceQuery(
    string? Name = null,
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    string? CustomStatusPrefix = null,
    int PageSize = 100);

public sealed record InstancePage(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);

/// <summary>Another writer committed to the instance first; the step is abandoned and retried from fresh history.</summary>
public sealed class DurableConcurrencyException(string instanceId)
    : Exception($"Another worker updated instance '{instanceId}' first.")
{
    public string InstanceId { get; } = instanceId;
}
