using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Workflow.Durable;
using Workflow.Functions.Hosting;
using Workflow.Functions.Hosting.CustomHandler;
using Workflow.Functions.Notifications;
using Xunit;

namespace Workflow.Functions.Tests.Hosting;

/// <summary>
/// Standalone, the app polls the durable queues and runs its scheduled work itself; in custom-handler mode the host's
/// triggers do, so the app must leave both alone (else two consumers would compete for every message).
/// </summary>
public sealed class StandalonePollerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_app_polls_and_sweeps_only_when_standalone(bool customHandler)
    {
        await using var app = await HostedApp.StartAsync(azurite, customHandler);
        var instanceId = await app.Durable.ScheduleNewOrchestrationInstanceAsync(HostedEcho.Name, "x");
        var recipient = $"审批人{Guid.NewGuid():N}";
        var stopped = new NotificationOutbox(azurite.StorageAccount, new InProcessNotificationPublisher(new NotificationSender([], NullLogger<NotificationSender>.Instance)),
            new SteppedClock(DateTimeOffset.UtcNow.AddMinutes(-1)), NullLogger<NotificationOutbox>.Instance);
        await stopped.InitializeAsync(default);
        await stopped.RecordAsync(new NotificationMessage($"n-{Guid.NewGuid():N}", NotificationKinds.Reminder, "case-9", recipient, "提醒", "请审核", null, DateTimeOffset.UtcNow), default);
        var inbox = app.Services.GetRequiredService<InboxChannel>();

        // Standalone both happen within a sweep interval; waiting a little longer shows they do not happen otherwise.
        var deadline = DateTime.UtcNow + OutboxSweep.Interval + TimeSpan.FromSeconds(3);
        var completed = false;
        var swept = false;
        while (DateTime.UtcNow < deadline && !(completed && swept))
        {
            completed = (await app.Durable.GetInstanceAsync(instanceId))!.RuntimeStatus == OrchestrationRuntimeStatus.Completed;
            swept = (await inbox.ReadAsync(recipient, 10, default)).Count > 0;
            await Task.Delay(100);
        }

        Assert.Equal(!customHandler, completed);
        Assert.Equal(!customHandler, swept);
        var hosted = app.Services.GetServices<IHostedService>().ToList();
        Assert.Equal(!customHandler, hosted.OfType<StandaloneScheduler>().Any());
        if (customHandler)
        {
            // The start message waits, untouched, for the host's queue trigger.
            var waiting = Assert.Single((await app.Queue(FunctionDefinition.Text(
                FunctionAppFiles.Functions().Single(f => f.Name == CustomHandlerEndpoints.DurableControlFunction).Trigger, "queueName")).PeekMessagesAsync(32)).Value);
            Assert.Equal(0, waiting.DequeueCount);
        }
    }
}
