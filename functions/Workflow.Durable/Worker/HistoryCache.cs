namespace Workflow.Durable;

/// <summary>
/// The most recently used instance histories, so a busy instance's next step needs no history read. The
/// commit's ETag check catches a stale entry; the capacity bounds the worker's memory.
/// </summary>
internal sealed class HistoryCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Id, InstanceHistory History)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Id, InstanceHistory History)> _recency = new();
    private readonly Lock _gate = new();

    public InstanceHistory? Get(string instanceId)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(instanceId, out var node))
            {
                return null;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.History;
        }
    }

    public void Set(string instanceId, InstanceHistory history)
    {
        lock (_gate)
        {
            if (_entries.Remove(instanceId, out var existing))
            {
                _recency.Remove(existing);
            }

            // Ended instances take no more steps: keeping them would only push out live ones.
            if (capacity == 0 || history.Checkpoint.IsEnded)
            {
                return;
            }

            _entries[instanceId] = _recency.AddFirst((instanceId, history));
            if (_entries.Count > capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Id);
            }
        }
    }

    public void Remove(string instanceId)
    {
        lock (_gate)
        {
            if (_entries.Remove(instanceId, out var node))
            {
                _recency.Remove(node);
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }
}
