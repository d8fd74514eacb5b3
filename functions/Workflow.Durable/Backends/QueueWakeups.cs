using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Workflow.Durable;

/// <summary>
/// Wakes an idle worker of this process when this process sends to one of its queues — at once for a message that is
/// visible now, at its time for one delayed by at most <see cref="MaxScheduledDelay"/> — so work started here does not
/// wait out the poll interval. Sends of other processes are still found by polling.
/// </summary>
internal sealed class QueueWakeups(TimeProvider time)
{
    /// <summary>Longer delays (reminders days ahead) are left to polling rather than held as timers in memory.</summary>
    public static readonly TimeSpan MaxScheduledDelay = TimeSpan.FromMinutes(1);

    // A semaphore of at most one: a send while the worker is busy is remembered until its next wait.
    private readonly Dictionary<QueueKind, SemaphoreSlim> _signals = Enum.GetValues<QueueKind>().ToDictionary(q => q, _ => new SemaphoreSlim(0, 1));

    // An unreferenced timer may be collected before it fires; each is held here until it has.
    private readonly ConcurrentDictionary<StrongBox<ITimer?>, QueueKind> _scheduled = new();

    public void Sent(QueueKind queue, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Wake(queue);
        }
        else if (delay <= MaxScheduledDelay)
        {
            var timer = new StrongBox<ITimer?>();
            _scheduled[timer] = queue;
            timer.Value = time.CreateTimer(Fire, timer, delay, Timeout.InfiniteTimeSpan);
        }
    }

    public async Task WaitAsync(QueueKind queue, TimeSpan timeout, CancellationToken cancellationToken) =>
        await _signals[queue].WaitAsync(timeout, cancellationToken).ConfigureAwait(false);

    private void Fire(object? state)
    {
        var timer = (StrongBox<ITimer?>)state!;
        if (_scheduled.TryRemove(timer, out var queue))
        {
            Wake(queue);
        }

        timer.Value?.Dispose();
    }

    private void Wake(QueueKind queue)
    {
        var signal = _signals[queue];
        if (signal.CurrentCount > 0)
        {
            return;
        }

        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another send woke it between the check and the release.
        }
    }
}
