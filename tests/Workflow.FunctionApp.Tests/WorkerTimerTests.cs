using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Workflow.App.Notifications;
using Xunit;

namespace Workflow.FunctionApp.Tests;

/// <summary>A timer function run as the host runs it on schedule: an invocation with the timer's binding.</summary>
[Collection(RunningWorkerCollection.Name)]
public sealed class WorkerTimerTests(RunningWorker worker)
{
    [Fact]
    public async Task The_OutboxSweep_timer_delivers_what_the_outbox_holds()
    {
        var recipient = $"审批人{Guid.NewGuid():N}";
        var tables = worker.Services.GetRequiredService<Azure.Data.Tables.TableServiceClient>();

        // Recorded a minute ago by a process that never delivered it: only a sweep delivers it now.
        var stopped = new NotificationOutbox(tables, new InProcessNotificationPublisher(new NotificationSender([], NullLogger<NotificationSender>.Instance)),
            new EarlierClock(TimeSpan.FromMinutes(1)), NullLogger<NotificationOutbox>.Instance);
        await stopped.InitializeAsync(default);
        await stopped.RecordAsync(new NotificationMessage($"n-{Guid.NewGuid():N}", NotificationKinds.Reminder, "case-9", recipient, "提醒", "请审核", null, DateTimeOffset.UtcNow), default);
        var inbox = worker.Services.GetRequiredService<InboxChannel>();
        Assert.Empty(await inbox.ReadAsync(recipient, 10, default));

        var response = await worker.Host.InvokeAsync(OutboxSweep.FunctionName, Guid.NewGuid().ToString(), new ParameterBinding
        {
            Name = "timer",
            Data = new TypedData { Json = $$"""{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"{{DateTime.UtcNow.AddSeconds(-5):O}}","Next":"{{DateTime.UtcNow:O}}","LastUpdated":"{{DateTime.UtcNow.AddSeconds(-5):O}}"},"IsPastDue":false}""" },
        });

        Assert.True(response.Result.Status == StatusResult.Types.Status.Success, $"{response.Result.Exception?.Message}\n{worker.Host.Diagnostics}");
        var delivered = Assert.Single(await inbox.ReadAsync(recipient, 10, default));
        Assert.Equal("请审核", delivered.Text);
    }
}
