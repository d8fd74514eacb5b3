using System.Globalization;

namespace Workflow.Durable;

/// <summary>
/// The whole store in process memory: for fast unit tests and for measuring the engine on its own. It keeps
/// the same contract as the Azure Storage store, including the queues' 7-day delay limit, so timers are
/// re-armed here too.
/// </summary>
public sealed class InMemoryDurableStore(TimeProvider? time = null) : IDurableStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string ETag, OrchestrationMetadata Checkpoint, List<HistoryStep> Steps)> _histories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (OrchestrationMetadata Instance, string ETag)> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<QueueKind, MessageQueue> _queues = new() { [QueueKind.Control] = new(), [QueueKind.Activity] = new() };
    private readonly Dictionary<string, QuarantinedMessage> _quarantine = new(StringComparer.Ordinal);
    private readonly QueueWakeups _wakeups = new(time ?? TimeProvider.System);
    private long _version;

    public TimeProvider Time { get; } = time ?? TimeProvider.System;

    public TimeSpan MaxMessageDelay => TimeSpan.FromDays(7);

    public Task<int> GetQueueDepthAsync(QueueKind queue, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_queues[queue].Count);
        }
    }

    public Task<InstanceHistory?> LoadHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_histories.TryGetValue(instanceId, out var h)
                ? new InstanceHistory(h.ETag, h.Checkpoint, h.Steps.Where(s => s.ExecutionId == CurrentExecution(h)).ToList())
                : null);
        }
    }

    public Task<string> CommitStepAsync(string instanceId, string? expectedETag, OrchestrationMetadata checkpoint, HistoryStep appended, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var exists = _histories.TryGetValue(instanceId, out var current);
            if (exists ? current.ETag != expectedETag : expectedETag is not null)
            {
                throw new DurableConcurrencyException(instanceId);
            }

            var etag = NextETag();
            var steps = exists ? new List<HistoryStep>(current.Steps) { appended } : [appended];
            _histories[instanceId] = (etag, checkpoint, steps);
            return Task.FromResult(etag);
        }
    }

    public Task PruneHistoryAsync(string instanceId, string currentExecutionId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_histories.TryGetValue(instanceId, out var h))
            {
                _histories[instanceId] = (h.ETag, h.Checkpoint, h.Steps.Where(s => s.ExecutionId == currentExecutionId).ToList());
            }

            return Task.CompletedTask;
        }
    }

    public Task DeleteHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _histories.Remove(instanceId);
            return Task.CompletedTask;
        }
    }

    public Task<bool> TryAddInstanceAsync(OrchestrationMetadata instance, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_instances.TryAdd(instance.InstanceId, (instance, NextETag())));
        }
    }

    public Task<(OrchestrationMetadata Instance, string ETag)?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<(OrchestrationMetadata, string)?>(_instances.TryGetValue(instanceId, out var i) ? i : null);
        }
    }

    public Task<bool> TryReplaceInstanceAsync(OrchestrationMetadata instance, string etag, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(instance.InstanceId, out var current) || current.ETag != etag)
            {
                return Task.FromResult(false);
            }

            _instances[instance.InstanceId] = (instance, NextETag());
            return Task.FromResult(true);
        }
    }

    public Task WriteInstanceIfNewerAsync(OrchestrationMetadata instance, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(instance.InstanceId, out var current) || current.Instance.Revision < instance.Revision)
            {
                _instances[instance.InstanceId] = (instance, NextETag());
            }

            return Task.CompletedTask;
        }
    }

    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, string? continuationToken, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var matching = _instances.Values.Select(i => i.Instance)
                .Where(i => query.Name is null || string.Equals(i.Name, query.Name, StringComparison.OrdinalIgnoreCase))
                .Where(i => query.Statuses is null || query.Statuses.Contains(i.RuntimeStatus))
                .Where(i => query.CreatedFrom is null || i.CreatedAt >= query.CreatedFrom)
                .Where(i => query.CreatedTo is null || i.CreatedAt < query.CreatedTo)
                .Where(i => query.CustomStatusPrefix is null || (i.SerializedCustomStatus?.StartsWith(query.CustomStatusPrefix, StringComparison.Ordinal) ?? false))
                .OrderBy(i => i.InstanceId, StringComparer.Ordinal)
                .Where(i => continuationToken is null || string.CompareOrdinal(i.InstanceId, continuationToken) > 0)
                .Take(query.PageSize + 1)
                .ToList();
            var page = matching.Take(query.PageSize).ToList();
            return Task.FromResult(new InstancePage(page, matching.Count > query.PageSize ? page[^1].InstanceId : null));
        }
    }

    public Task DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _instances.Remove(instanceId);
            return Task.CompletedTask;
        }
    }

    public Task<MessageReceipt> SendAsync(QueueKind queue, string body, DateTimeOffset? visibleAt, CancellationToken cancellationToken)
    {
        MessageReceipt receipt;
        TimeSpan delay;
        lock (_gate)
        {
            var now = Time.GetUtcNow();
            delay = MessageDelay.Until(visibleAt, now, MaxMessageDelay);
            receipt = new MessageReceipt(queue, NextETag(), NextETag());
            _queues[queue].Add(receipt.MessageId, receipt.PopReceipt, body, now + delay);
        }

        _wakeups.Sent(queue, delay);
        return Task.FromResult(receipt);
    }

    public Task WaitForMessagesAsync(QueueKind queue, TimeSpan timeout, CancellationToken cancellationToken) =>
        _wakeups.WaitAsync(queue, timeout, cancellationToken);

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(QueueKind queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ReceivedMessage>>(
                _queues[queue].Take(queue, maxMessages, Time.GetUtcNow(), visibilityTimeout, NextETag));
        }
    }

    public Task DeleteAsync(MessageReceipt message, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _queues[message.Queue].Remove(message.MessageId, message.PopReceipt);
            return Task.CompletedTask;
        }
    }

    public Task AbandonAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _queues[message.Queue].Release(message.MessageId, message.PopReceipt, Time.GetUtcNow() + delay);
            return Task.CompletedTask;
        }
    }

    public Task QuarantineAsync(ReceivedMessage message, string reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var id = NextETag();
            _quarantine[id] = new QuarantinedMessage(id, message.Queue, message.Body, reason, Time.GetUtcNow());
            _queues[message.Queue].Remove(message.MessageId, message.PopReceipt);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<QuarantinedMessage>> ListQuarantineAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<QuarantinedMessage>>(_quarantine.Values.OrderBy(q => q.QuarantinedAt).ToList());
        }
    }

    public Task<bool> RedriveAsync(string quarantineId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_quarantine.Remove(quarantineId, out var entry))
            {
                return Task.FromResult(false);
            }

            _queues[entry.Queue].Add(NextETag(), NextETag(), entry.Body, Time.GetUtcNow());
            return Task.FromResult(true);
        }
    }

    private static string CurrentExecution((string ETag, OrchestrationMetadata Checkpoint, List<HistoryStep> Steps) h) =>
        h.Steps.Count == 0 ? h.Checkpoint.ExecutionId : h.Steps[^1].ExecutionId;

    private string NextETag() => (++_version).ToString(CultureInfo.InvariantCulture);

    /// <summary>A queue with visibility timeouts: taken messages come back unless deleted with their pop receipt.</summary>
    private sealed class MessageQueue
    {
        private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
        private readonly PriorityQueue<Entry, (DateTimeOffset VisibleAt, long Order)> _byVisibility = new();
        private long _order;

        public int Count => _entries.Count;

        public void Add(string id, string popReceipt, string body, DateTimeOffset visibleAt)
        {
            var entry = new Entry(id, body) { VisibleAt = visibleAt, PopReceipt = popReceipt };
            _entries[id] = entry;
            _byVisibility.Enqueue(entry, (visibleAt, _order++));
        }

        public List<ReceivedMessage> Take(QueueKind queue, int max, DateTimeOffset now, TimeSpan visibility, Func<string> newReceipt)
        {
            var taken = new List<ReceivedMessage>();
            while (taken.Count < max && _byVisibility.TryPeek(out var entry, out var key) && key.VisibleAt <= now)
            {
                _byVisibility.Dequeue();
                if (!_entries.ContainsKey(entry.Id) || entry.VisibleAt != key.VisibleAt)
                {
                    continue; // deleted, or re-queued under a newer visibility
                }

                entry.PopReceipt = newReceipt();
                entry.DequeueCount++;
                entry.VisibleAt = now + visibility;
                _byVisibility.Enqueue(entry, (entry.VisibleAt, _order++));
                taken.Add(new ReceivedMessage(queue, entry.Id, entry.PopReceipt, entry.DequeueCount, entry.Body));
            }

            return taken;
        }

        public void Remove(string id, string popReceipt)
        {
            if (_entries.TryGetValue(id, out var entry) && entry.PopReceipt == popReceipt)
            {
                _entries.Remove(id);

                // The visibility heap keeps the entry until its time comes; it need not keep the body too.
                entry.Body = string.Empty;
            }
        }

        public void Release(string id, string popReceipt, DateTimeOffset visibleAt)
        {
            if (_entries.TryGetValue(id, out var entry) && entry.PopReceipt == popReceipt)
            {
                entry.VisibleAt = visibleAt;
                entry.PopReceipt = null;
                _byVisibility.Enqueue(entry, (visibleAt, _order++));
            }
        }

        private sealed class Entry(string id, string body)
        {
            public string Id { get; } = id;
            public string Body { get; set; } = body;
            public DateTimeOffset VisibleAt { get; set; }
            public string? PopReceipt { get; set; }
            public int DequeueCount { get; set; }
        }
    }
}
