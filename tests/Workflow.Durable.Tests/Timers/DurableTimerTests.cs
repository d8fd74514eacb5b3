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
}
