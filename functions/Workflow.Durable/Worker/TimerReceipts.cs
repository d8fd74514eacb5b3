using System.Collections.Concurrent;

namespace Workflow.Durable;

/// <summary>
/// The receipts of the durable timers this process sent and that have not fired yet, per instance, so that a timer the
/// orchestrator cancels (the reminder of a step decided in time) or that its ended execution leaves behind is deleted
/// from the queue instead of waiting there for days to be dropped on arrival. Kept in memory only: after a restart, or
/// for a timer another process sent, the timer fires and is dropped as before.
/// </summary>
internal sealed class TimerReceipts
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, MessageReceipt>> _byInstance = new(StringComparer.Ordinal);

    public void Sent(string instanceId, int taskId, MessageReceipt receipt) =>
        _byInstance.GetOrAdd(instanceId, _ => new ConcurrentDictionary<int, MessageReceipt>())[taskId] = receipt;

    /// <summary>The timer's message has been received: its receipt is no longer the latest.</summary>
    public void Fired(string instanceId, int taskId)
    {
        if (_byInstance.TryGetValue(instanceId, out var timers))
        {
            timers.TryRemove(taskId, out _);
        }
    }

    /// <summary>Removes and returns the receipts of these timers.</summary>
    public List<MessageReceipt> Take(string instanceId, IEnumerable<int> taskIds)
    {
        var taken = new List<MessageReceipt>();
        if (_byInstance.TryGetValue(instanceId, out var timers))
        {
            foreach (var taskId in taskIds)
            {
                if (timers.TryRemove(taskId, out var receipt))
                {
                    taken.Add(receipt);
                }
            }
        }

        return taken;
    }

    /// <summary>Removes and returns every receipt of the instance (its execution ended or continued as new).</summary>
    public List<MessageReceipt> TakeAll(string instanceId) =>
        _byInstance.TryRemove(instanceId, out var timers) ? [.. timers.Values] : [];
}
