using Microsoft.DurableTask;
using Workflow.App.Durable;
using Xunit;

namespace Workflow.App.Tests.Durable;

/// <summary>
/// The scripted context behaves as the SDK's worker where orchestrators depend on it, so a test that passes on it
/// says something about the engine: every overload is seen, timers fire in order at their times, events wait for
/// their reader, the newest wait of a name is served first.
/// </summary>
public sealed class ScriptedOrchestrationContextTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Calls_through_the_sdks_convenience_overloads_are_recorded_and_answered()
    {
        var orchestration = new ScriptedOrchestrationContext(Start).OnActivity<string, int>("Length", s => s.Length);
        var run = orchestration.Start(async context =>
        {
            await context.CallActivityAsync("Length", "abc");
            await context.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
            return await context.CallActivityAsync<int>("length", "abcd");
        });

        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Equal([Start.UtcDateTime.AddHours(1)], orchestration.PendingTimers);
        orchestration.Advance(TimeSpan.FromHours(1));

        Assert.Equal(4, await run);
        Assert.Equal([("Length", "abc"), ("length", (object)"abcd")], orchestration.Activities.Select(a => (a.Name, a.Input)));
    }

    [Fact]
    public async Task Timers_fire_in_order_each_at_its_time_and_a_cancelled_one_never()
    {
        var orchestration = new ScriptedOrchestrationContext(Start);
        var firedAt = new List<DateTime>();
        using var stop = new CancellationTokenSource();
        Task? cancelled = null;
        var run = orchestration.Start(async context =>
        {
            cancelled = context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(30), stop.Token);
            var late = context.CreateTimer(context.CurrentUtcDateTime.AddHours(2), CancellationToken.None);
            await context.CreateTimer(context.CurrentUtcDateTime.AddHours(1), CancellationToken.None);
            firedAt.Add(context.CurrentUtcDateTime);
            await late;
            firedAt.Add(context.CurrentUtcDateTime);
            return true;
        });
        Assert.Equal(3, orchestration.PendingTimers.Count);

        stop.Cancel();
        Assert.True(cancelled!.IsCanceled);
        orchestration.Advance(TimeSpan.FromHours(3));

        Assert.True(await run);
        Assert.Equal([Start.UtcDateTime.AddHours(1), Start.UtcDateTime.AddHours(2)], firedAt);
        Assert.Equal(Start.UtcDateTime.AddHours(3), orchestration.EngineNow);
        Assert.Equal(Start.AddHours(3), orchestration.CountyNow);
        Assert.Empty(orchestration.PendingTimers);
    }

    [Fact]
    public async Task Events_raised_before_the_wait_are_kept_in_order_under_a_case_insensitive_name()
    {
        var orchestration = new ScriptedOrchestrationContext(Start);
        orchestration.Raise("Approval", 1);
        orchestration.Raise("APPROVAL", 2);
        var run = orchestration.Start(async context =>
            await context.WaitForExternalEvent<int>("approval") * 10 + await context.WaitForExternalEvent<int>("approval"));

        Assert.Equal(12, await run);
        Assert.Empty(orchestration.UnreadEvents);
    }

    [Fact]
    public async Task The_newest_wait_gets_the_next_event_and_a_cancelled_wait_loses_the_one_it_gets()
    {
        var orchestration = new ScriptedOrchestrationContext(Start);
        using var stop = new CancellationTokenSource();
        Task<string>? older = null;
        Task<string>? newer = null;
        _ = orchestration.Start(context =>
        {
            older = context.WaitForExternalEvent<string>("objection", stop.Token);
            newer = context.WaitForExternalEvent<string>("objection");
            return Task.FromResult(0);
        });

        orchestration.Raise("objection", "first");
        Assert.Equal("first", await newer!);
        stop.Cancel();
        orchestration.Raise("objection", "second");

        Assert.True(older!.IsCanceled);
        Assert.Empty(orchestration.UnreadEvents);
        Assert.False(orchestration.IsWaitingFor("objection"));
    }

    [Fact]
    public async Task An_activity_without_an_answer_fails_as_the_engine_fails_it()
    {
        var orchestration = new ScriptedOrchestrationContext(Start);
        var run = orchestration.Start(context => context.CallActivityAsync<int>("Missing"));

        var failure = await Assert.ThrowsAsync<TaskFailedException>(() => run);
        Assert.Equal("Missing", failure.TaskName);
    }

    [Fact]
    public async Task A_county_timer_wakes_on_the_engine_clock_and_ends_on_the_county_clock()
    {
        var orchestration = new ScriptedOrchestrationContext(Start) { TimerRecheckInterval = TimeSpan.FromMinutes(10) };
        var due = Start.AddHours(1);
        var run = orchestration.Start(context => context.WaitUntilAsync(due, CancellationToken.None));

        orchestration.AdvanceEngine(TimeSpan.FromHours(5));
        ScriptedOrchestrationContext.AssertSuspended(run);
        orchestration.CountyNow = due.AddMinutes(3);
        orchestration.AdvanceEngine(TimeSpan.FromMinutes(10));

        Assert.Equal(due.AddMinutes(3), await run);
        // Each sleep is the interval and a second (DTFx may fire a timer that much early): 29 wake-ups in the 5 hours, the
        // 30th after the county clock moved, and the first read.
        Assert.Equal(31, orchestration.Activities.Count(a => a.Is(ReadCountyClockActivity.Name)));
    }

    [Fact]
    public async Task A_continue_as_new_is_recorded_through_either_overload_and_keeps_the_new_version()
    {
        var plain = new ScriptedOrchestrationContext(Start);
        await plain.Start(context =>
        {
            context.ContinueAsNew(1, preserveUnprocessedEvents: false);
            return Task.FromResult(0);
        });
        Assert.Equal(new ContinueAsNewCall(1, false), plain.ContinuedAsNew);

        var versioned = new ScriptedOrchestrationContext(Start);
        await versioned.Start(context =>
        {
            context.ContinueAsNew(new ContinueAsNewOptions { NewInput = 2, NewVersion = "2.0" });
            return Task.FromResult(0);
        });
        Assert.Equal(new ContinueAsNewCall(2, true, "2.0"), versioned.ContinuedAsNew);
    }
}
