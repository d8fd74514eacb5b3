using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Workflow.App.Durable;

/// <summary>What the county clock read, and how long a timer may sleep before it reads it again (null: until due).</summary>
public sealed record CountyClockReading(DateTimeOffset Now, TimeSpan? Recheck);

/// <summary>
/// The county clock as activities read it for their orchestration. Deadlines are county time (the app's
/// <see cref="TimeProvider"/>, Beijing working days); the engine's clock only schedules wake-ups. A timer therefore
/// checks the county clock when it fires and sleeps again if the deadline has not come (DTFx may fire about a second
/// early, and a test's clock may jump). An activity that opens a wait returns its reading, so the first sleep needs no
/// read of its own.
/// </summary>
public sealed class CountyClock(TimeProvider time, IOptions<TaskHubOptions> options)
{
    public CountyClockReading Read() => new(time.GetUtcNow(), options.Value.TimerRecheckInterval);
}

/// <summary>Reads the county clock for an orchestration that has no fresher reading.</summary>
public sealed class ReadCountyClockActivity(CountyClock clock) : TaskActivity<object?, CountyClockReading>
{
    public const string Name = "ReadCountyClock";

    public override Task<CountyClockReading> RunAsync(TaskActivityContext context, object? input) => Task.FromResult(clock.Read());
}

/// <summary>Durable timers in county time.</summary>
public static class CountyTimers
{
    // DTFx's Azure Storage provider makes a timer's message visible after whole seconds, rounded down (the queue API takes
    // seconds): a timer fires up to a second before its time, and one less than a second away fires at once. Asking a
    // second later makes each wake-up come no sooner than the sleep asked for, so a clock that stands still is read once
    // per recheck, not many times a second (each read adding an activity and a timer to the history).
    private static readonly TimeSpan EarlyFiring = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Completes when the county clock has reached <paramref name="dueAt"/>, with the time it read then; cancelled with
    /// <paramref name="cancellationToken"/>. Each wake-up is one small activity and one timer in the history.
    /// </summary>
    public static Task<DateTimeOffset> WaitUntilAsync(this TaskOrchestrationContext context, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        WaitUntilAsync(context, dueAt, known: null, cancellationToken);

    /// <summary>
    /// As <see cref="WaitUntilAsync(TaskOrchestrationContext, DateTimeOffset, CancellationToken)"/>, starting from
    /// <paramref name="known"/>, a reading an activity of this orchestration has just taken: a decision that comes before
    /// the deadline (the usual case) then costs no read of the clock at all.
    /// </summary>
    public static async Task<DateTimeOffset> WaitUntilAsync(this TaskOrchestrationContext context, DateTimeOffset dueAt, CountyClockReading? known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reading = known ?? await ReadAsync(context);
        while (reading.Now < dueAt)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sleep = dueAt - reading.Now;
            if (reading.Recheck is { } recheck && recheck < sleep)
            {
                sleep = recheck;
            }

            await context.CreateTimer(context.CurrentUtcDateTime + sleep + EarlyFiring, cancellationToken);
            reading = await ReadAsync(context);
        }

        return reading.Now;
    }

    /// <summary>The county clock now, as one small activity (kept in the history, so a replay reads the same).</summary>
    public static async Task<DateTimeOffset> ReadCountyClockAsync(this TaskOrchestrationContext context) => (await ReadAsync(context)).Now;

    private static Task<CountyClockReading> ReadAsync(TaskOrchestrationContext context) =>
        context.CallActivityAsync<CountyClockReading>(ReadCountyClockActivity.Name, null, ActivityRetry.Options);
}
