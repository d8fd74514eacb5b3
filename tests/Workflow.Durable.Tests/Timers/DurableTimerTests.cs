using Workflow.Durable.Tests.Contract;
using Xunit;

namespace Workflow.Durable.Tests.Timers;

[Collection(AzuriteCollection.Name)]
public sealed class DurableTimerTests(AzuriteFixture azurite)
{
    private static DurableTaskRegistry Sleeper(TimeSpan sleep) => new DurableTaskRegistry()
        .AddOrchestrator<string, DateTime>("Sleeper", async (ctx, _) =>
        {
            await ctx.CreateTimer(sleep, CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        });

    [Fact]
    public async Task Thirty_day_timer_fires_after_thirty_days_and_not_before()
    {
        var start = new DateTimeOffset(2018, 8, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new ManualClock(start);
        var store = new InMemoryDurableStore(clock);
        await using var host = new DurableTestHost(store, Sleeper(TimeSpan.FromDays(30)));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", "整改期限");
        await host.WaitUntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        // The queue holds a message for at most 7 days: the timer surfaces early four times and is re-armed.
        foreach (var step in new[] { 7, 7, 7, 7, 1 })
        {
            clock.Advance(TimeSpan.FromDays(step));
            await Task.Delay(150);
            Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        }

        clock.Advance(TimeSpan.FromHours(23));
        await Task.Delay(150);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        clock.Advance(TimeSpan.FromHours(2));
        var done = await host.RunToEndAsync(id);

        var firedAt = done.ReadOutputAs<DateTime>();
        Assert.InRange(firedAt, start.UtcDateTime.AddDays(30), start.UtcDateTime.AddDays(30).AddHours(1));
        Assert.Single((await host.Client.GetHistoryAsync(id)).OfType<TimerFired>());
    }

    [Fact]
    public async Task Timer_fires_at_its_time_when_the_clock_moves_past_it_while_the_timer_is_being_sent()
    {
        // A campaign's first phase opens at midnight; the office's test moves the clock there while the worker is still
        // sending the timer. A delay counted from the send would land the timer 15 hours after midnight, and it never fired.
        var clock = new ManualClock(new DateTimeOffset(2018, 3, 19, 1, 0, 0, TimeSpan.Zero));
        var store = ClockJumpingStore.Wrap(new InMemoryDurableStore(clock), clock, TimeSpan.FromHours(15));
        await using var host = new DurableTestHost(store, Sleeper(TimeSpan.FromHours(15)));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", "百日会战");
        var done = await host.RunToEndAsync(id, TimeSpan.FromSeconds(20));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new DateTime(2018, 3, 19, 16, 0, 0, DateTimeKind.Utc), done.ReadOutputAs<DateTime>());
    }

    [Fact]
    public async Task Timer_longer_than_the_queue_delay_limit_is_re_armed_on_azure_storage()
    {
        var store = new AzureStorageDurableStore(azurite.StorageAccount, new AzureStorageDurableOptions
        {
            TaskHubName = $"t{Guid.NewGuid():N}"[..16],
            MaxMessageDelay = TimeSpan.FromSeconds(1),
        });
        await store.CreateIfNotExistsAsync();
        await using var host = new DurableTestHost(store, Sleeper(TimeSpan.FromSeconds(3.5)));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", "x");
        var done = await host.RunToEndAsync(id);

        var history = await host.Client.GetHistoryAsync(id);
        var fireAt = history.OfType<TimerCreated>().Single().FireAt;
        Assert.True(done.ReadOutputAs<DateTime>() >= fireAt, "the orchestrator resumed before the timer's time");
        Assert.Single(history.OfType<TimerFired>());
    }

    [Fact]
    public async Task Timer_beyond_the_horizon_waits_in_the_timer_table_not_the_queue_and_fires_on_time()
    {
        var (store, hub) = await TableTimerStoreAsync();
        await using var host = new DurableTestHost(store, Sleeper(TimeSpan.FromSeconds(6)));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", "公示期");
        await host.WaitUntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        var control = azurite.StorageAccount.GetQueueClient($"{hub.ToLowerInvariant()}-control");
        var timers = azurite.StorageAccount.GetTableClient($"{hub}Timers");

        // Right after the start the timer is a row, the queue is empty; the depth a monitor reads still counts it.
        Assert.Equal(1, await WaitForRowsAsync(timers, 1));
        Assert.Equal(0, (await control.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(1, await store.GetQueueDepthAsync(QueueKind.Control, CancellationToken.None));

        var done = await host.RunToEndAsync(id);

        var fireAt = (await host.Client.GetHistoryAsync(id)).OfType<TimerCreated>().Single().FireAt;
        Assert.True(done.ReadOutputAs<DateTime>() >= fireAt, "the orchestrator resumed before the timer's time");
        Assert.Empty(await timers.QueryAsync().ToListAsync());
    }

    [Fact]
    public async Task Timer_cancelled_while_in_the_timer_table_leaves_no_row_and_never_fires()
    {
        var (store, hub) = await TableTimerStoreAsync();
        var registry = new DurableTaskRegistry().AddOrchestrator<string, string>("Reminded", async (ctx, _) =>
        {
            using var stopTimer = new CancellationTokenSource();
            var reminder = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(3), stopTimer.Token);
            var decision = ctx.WaitForExternalEvent<string>("decision");
            var first = await Task.WhenAny(reminder, decision);
            stopTimer.Cancel();
            return first == decision ? await decision : "提醒";
        });
        await using var host = new DurableTestHost(store, registry);
        var timers = azurite.StorageAccount.GetTableClient($"{hub}Timers");

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Reminded", "x");
        Assert.Equal(1, await WaitForRowsAsync(timers, 1));
        await host.Client.RaiseEventAsync(id, "decision", "同意");

        Assert.Equal("同意", (await host.RunToEndAsync(id)).ReadOutputAs<string>());
        Assert.Equal(0, await WaitForDepthAsync(store, 0));
        Assert.Empty(await timers.QueryAsync().ToListAsync());
    }

    /// <summary>A hub of its own whose timers beyond 2 s wait in its timer table, released every 200 ms.</summary>
    private async Task<(AzureStorageDurableStore Store, string Hub)> TableTimerStoreAsync()
    {
        var hub = $"t{Guid.NewGuid():N}"[..16];
        var store = new AzureStorageDurableStore(azurite.StorageAccount, new AzureStorageDurableOptions
        {
            TaskHubName = hub,
            QueuedTimerHorizon = TimeSpan.FromSeconds(2),
            TimerReleaseInterval = TimeSpan.FromMilliseconds(200),
        });
        await store.CreateIfNotExistsAsync();
        return (store, hub);
    }

    private static async Task<int> WaitForRowsAsync(Workflow.Storage.Tables.TableClient table, int expected)
    {
        var rows = -1;
        for (var i = 0; i < 50 && rows != expected; i++)
        {
            rows = (await table.QueryAsync().ToListAsync()).Count;
            await Task.Delay(rows == expected ? 0 : 100);
        }

        return rows;
    }

    private static async Task<int> WaitForDepthAsync(AzureStorageDurableStore store, int expected)
    {
        var depth = -1;
        for (var i = 0; i < 50 && depth != expected; i++)
        {
            depth = await store.GetQueueDepthAsync(QueueKind.Control, CancellationToken.None);
            await Task.Delay(100);
        }

        return depth;
    }
}
