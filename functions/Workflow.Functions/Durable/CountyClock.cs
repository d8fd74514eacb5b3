using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Workflow.Functions.Durable;

/// <summary>What the county clock read, and how long a timer may sleep before it reads it again (null: until due).</summary>
public sealed record CountyClockReading(DateTimeOffset Now, TimeSpan? Recheck);

/// <summary>
/// Reads the app's clock for an orchestration. Deadlines are county time (the app's <see cref="TimeProvider"/>, Beijing
/// working days); the engine's clock only schedules wake-ups. A timer therefore checks the county clock when it fires
/// and sleeps again if the deadline has not come (DTFx may fire about a second early, and a test's clock may jump).
/// </summary>
public sealed class ReadCountyClockActivity(TimeProvider time, IOptions<TaskHubOptions> options) : TaskActivity<object?, CountyClockReading>
{
    public const string Name = "ReadCountyClock";

    public override Task<CountyClockReading> RunAsync(TaskActivityContext context, object? input) =>
        Task.FromResult(new CountyClockReading(time.GetUtcNow(), options.Value.TimerRecheckInterval));
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
    public static async Task<DateTimeOffset> WaitUntilAsync(this TaskOrchestrationContext context, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reading = await ReadAsync(context);
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
