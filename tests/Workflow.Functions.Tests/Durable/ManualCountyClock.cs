namespace Workflow.Functions.Tests.Durable;

/// <summary>
/// The county clock a test moves by hand. The worker's activities read it on their own threads while the test moves
/// it, so the time is kept in one 64-bit field read and written atomically.
/// </summary>
internal sealed class ManualCountyClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
