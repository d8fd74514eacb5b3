using System.Collections.Concurrent;

namespace Workflow.Durable.Bench;

/// <summary>
/// Passes every call through to the store under test and notices when an instance's index entry is written
/// as ended: the last write of an instance's final step. That tells the benchmark when all instances are
/// done without polling storage (which would add requests to the measured mix).
/// </summary>
internal sealed class CompletionTrackingStore(IDurableStore inner) : IDurableStore
{
    private readonly ConcurrentDictionary<string, bool> _ended = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _endedCount;

    /// <summary>Completes when <paramref name="count"/> distinct instances have ended.</summary>
    public Task WhenEnded(int count)
    {
        lock (_gate)
        {
            if (_endedCount >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }

    public int EndedCount => Volatile.Read(ref _endedCount);

    /// <summary>Drops the ids of purged instances (they will not end again), so this tracker holds no per-instance data.</summary>
    public void Forget(IEnumerable<string> instanceIds)
    {
        foreach (var id in instanceIds)
        {
            _ended.TryRemove(id, out _);
        }
    }

    public TimeProvider Time => inner.Time;

    public TimeSpan MaxMessageDelay => inner.MaxMessageDelay;

    public async Task WriteInstanceIfNewerAsync(OrchestrationMetadata instance, CancellationToken cancellationToken)
    {
        await inner.WriteInstanceIfNewerAsync(instance, cancellationToken).ConfigureAwait(false);
        if (instance.IsEnded && _ended.TryAdd(instance.InstanceId, true))
        {
            lock (_gate)
            {
                var ended = ++_endedCount;
                foreach (var waiter in _waiters.Where(w => w.Count <= ended))
                {
                    waiter.Reached.TrySetResult();
                }

                _waiters.RemoveAll(w => w.Reached.Task.IsCompleted);
            }
        }
    }

    public Task<InstanceHistory?> LoadHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        inner.LoadHistoryAsync(instanceId, cancellationToken);

    public Task<string> CommitStepAsync(string instanceId, string? expectedETag, OrchestrationMetadata checkpoint, HistoryStep appended, CancellationToken cancellationToken) =>
        inner.CommitStepAsync(instanceId, expectedETag, checkpoint, appended, cancellationToken);

    public Task PruneHistoryAsync(string instanceId, string currentExecutionId, CancellationToken cancellationToken) =>
        inner.PruneHistoryAsync(instanceId, currentExecutionId, cancellationToken);

    public Task DeleteHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        inner.DeleteHistoryAsync(instanceId, cancellationToken);

    public Task<bool> TryAddInstanceAsync(OrchestrationMetadata instance, CancellationToken cancellationToken) =>
        inner.TryAddInstanceAsync(instance, cancellationToken);

    public Task<(OrchestrationMetadata Instance, string ETag)?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        inner.GetInstanceAsync(instanceId, cancellationToken);

    public Task<bool> TryReplaceInstanceAsync(OrchestrationMetadata instance, string etag, CancellationToken cancellationToken) =>
        inner.TryReplaceInstanceAsync(instance, etag, cancellationToken);

    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, string? continuationToken, CancellationToken cancellationToken) =>
        inner.QueryInstancesAsync(query, continuationToken, cancellationToken);

    public Task DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        inner.DeleteInstanceAsync(instanceId, cancellationToken);

    public Task<MessageReceipt> SendAsync(QueueKind queue, string body, DateTimeOffset? visibleAt, CancellationToken cancellationToken) =>
        inner.SendAsync(queue, body, visibleAt, cancellationToken);

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(QueueKind queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        inner.ReceiveAsync(queue, maxMessages, visibilityTimeout, cancellationToken);

    public Task WaitForMessagesAsync(QueueKind queue, TimeSpan timeout, CancellationToken cancellationToken) =>
        inner.WaitForMessagesAsync(queue, timeout, cancellationToken);

    public Task DeleteAsync(MessageReceipt message, CancellationToken cancellationToken) =>
        inner.DeleteAsync(message, cancellationToken);

    public Task<int> GetQueueDepthAsync(QueueKind queue, CancellationToken cancellationToken) =>
        inner.GetQueueDepthAsync(queue, cancellationToken);

    public Task AbandonAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        inner.AbandonAsync(message, delay, cancellationToken);

    public Task QuarantineAsync(ReceivedMessage message, string reason, CancellationToken cancellationToken) =>
        inner.QuarantineAsync(message, reason, cancellationToken);

    public Task<IReadOnlyList<QuarantinedMessage>> ListQuarantineAsync(CancellationToken cancellationToken) =>
        inner.ListQuarantineAsync(cancellationToken);

    public Task<bool> RedriveAsync(string quarantineId, CancellationToken cancellationToken) =>
        inner.RedriveAsync(quarantineId, cancellationToken);
}
