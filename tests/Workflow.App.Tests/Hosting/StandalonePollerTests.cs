using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.DurableTask.Client;
using Workflow.Host;
using Workflow.App.Notifications;
using Xunit;

namespace Workflow.App.Tests.Hosting;

/// <summary>
/// Standalone, the host runs the durable worker and the scheduled work itself (on Azure the Functions host's Durable
/// extension and timer triggers do, through Workflow.FunctionApp).
/// </summary>
public sealed class StandalonePollerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_standalone_host_runs_orchestrations_and_sweeps_the_outbox()
    {
        await using var app = await HostedApp.StartAsync(azurite);
        var instanceId = await app.Durable.ScheduleNewOrchestrationInstanceAsync(HostedEcho.Name, "x");
        var recipient = $"审批人{Guid.NewGuid():N}";
        var stopped = new NotificationOutbox(azurite.Tables, new InProcessNotificationPublisher(new NotificationSender([], NullLogger<NotificationSender>.Instance)),
            new SteppedClock(DateTimeOffset.UtcNow.AddMinutes(-1)), NullLogger<NotificationOutbox>.Instance);
        await stopped.InitializeAsync(default);
        await stopped.RecordAsync(new NotificationMessage($"n-{Guid.NewGuid():N}", NotificationKinds.Reminder, "case-9", recipient, "提醒", "请审核", null, DateTimeOffset.UtcNow), default);
        var inbox = app.Services.GetRequiredService<InboxChannel>();

        // Both within a sweep interval and a little more.
        var deadline = DateTime.UtcNow + OutboxSweep.Interval + TimeSpan.FromSeconds(3);
        var completed = false;
        var swept = false;
        while (DateTime.UtcNow < deadline && !(completed && swept))
        {
            completed = (await app.Durable.GetInstanceAsync(instanceId))!.RuntimeStatus == OrchestrationRuntimeStatus.Completed;
            swept = (await inbox.ReadAsync(recipient, 10, default)).Count > 0;
            await Task.Delay(100);
        }

        Assert.True(completed, "The orchestration did not complete.");
        Assert.True(swept, "The outbox was not swept.");
        Assert.Single(app.Services.GetServices<IHostedService>().OfType<StandaloneScheduler>());
    }
}
