namespace Workflow.Testing;

/// <summary>
/// The county's clock in a test: it moves only when told to. The app reads it as its <see cref="TimeProvider"/>; county
/// timers read it again every second (Durable:TimerRecheckInterval), so moving it past a deadline fires the timer.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _ticks, by.Ticks);
    }
}
