using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.DurableTask.Client;
using Workflow.Functions.Hosting;
using Workflow.Functions.Hosting.CustomHandler;
using Workflow.Functions.Notifications;
using Xunit;

namespace Workflow.Functions.Tests.Hosting;

/// <summary>
/// Standalone, the app runs its scheduled work itself; in custom-handler mode the host's timer triggers do, so the app
/// must leave it alone (else two would sweep at once). The durable worker polls the task hub in both modes: DTFx leases
/// its control queues, which no queue trigger could share.
/// </summary>
public sealed class StandalonePollerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_app_runs_orchestrations_in_both_modes_and_sweeps_only_when_standalone(bool customHandler)
    {
        await using var app = await HostedApp.StartAsync(azurite, customHandler);
        var instanceId = await app.Durable.ScheduleNewOrchestrationInstanceAsync(HostedEcho.Name, "x");
        var recipient = $"审批人{Guid.NewGuid():N}";
        var stopped = new NotificationOutbox(azurite.Tables, new InProcessNotificationPublisher(new NotificationSender([], NullLogger<NotificationSender>.Instance)),
            new SteppedClock(DateTimeOffset.UtcNow.AddMinutes(-1)), NullLogger<NotificationOutbox>.Instance);
        await stopped.InitializeAsync(default);
        await stopped.RecordAsync(new NotificationMessage($"n-{Guid.NewGuid():N}", NotificationKinds.Reminder, "case-9", recipient, "提醒", "请审核", null, DateTimeOffset.UtcNow), default);
        var inbox = app.Services.GetRequiredService<InboxChannel>();

        // The orchestration completes in both modes; the sweep happens within a sweep interval standalone, and waiting a
        // little longer shows it does not happen otherwise.
        var deadline = DateTime.UtcNow + OutboxSweep.Interval + TimeSpan.FromSeconds(3);
        var completed = false;
        var swept = false;
        while (DateTime.UtcNow < deadline && !(completed && swept))
        {
            completed = (await app.Durable.GetInstanceAsync(instanceId))!.RuntimeStatus == OrchestrationRuntimeStatus.Completed;
            swept = (await inbox.ReadAsync(recipient, 10, default)).Count > 0;
            await Task.Delay(100);
        }

        Assert.True(completed, $"The orchestration did not complete in {(customHandler ? "custom-handler" : "standalone")} mode.");
        Assert.Equal(!customHandler, swept);
        var hosted = app.Services.GetServices<IHostedService>().ToList();
        Assert.Equal(!customHandler, hosted.OfType<StandaloneScheduler>().Any());
    }
}
