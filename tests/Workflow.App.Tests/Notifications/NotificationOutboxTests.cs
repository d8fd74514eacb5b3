using System.Text.Json;
using Azure.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using Workflow.App.Notifications;
using Xunit;

namespace Workflow.App.Tests.Notifications;

[Collection(AzuriteCollection.Name)]
public sealed class NotificationOutboxTests(AzuriteFixture azurite)
{
    private static NotificationMessage Message(string id, string recipient = "勤丰镇审批人") => new(
        id, NotificationKinds.DecisionAwaited, "case-0001", recipient, "待审核：脱贫退出", "张三户待乡镇审核",
        new Uri("http://127.0.0.1:5080/approve/token"), DateTimeOffset.UtcNow);

    private (NotificationOutbox Outbox, InboxChannel Inbox) Wire(INotificationPublisher? publisher = null)
    {
        var inbox = new InboxChannel(azurite.Tables);
        var sender = new NotificationSender([inbox], NullLogger<NotificationSender>.Instance);
        return (new NotificationOutbox(azurite.Tables, publisher ?? new InProcessNotificationPublisher(sender), TimeProvider.System, NullLogger<NotificationOutbox>.Instance), inbox);
    }

    [Fact]
    public async Task Recorded_notification_is_delivered_once_to_the_inbox()
    {
        var (outbox, inbox) = Wire();
        await outbox.InitializeAsync(default);
        var recipient = $"审批人{Guid.NewGuid():N}";
        var message = Message($"n-{Guid.NewGuid():N}", recipient);

        Assert.True(await outbox.RecordAsync(message, default));
        Assert.False(await outbox.RecordAsync(message, default));
        // The recording process stopped before delivering it: another process's sweep sends it, once however often it runs.
        var (sweeper, _) = Wire();
        await sweeper.DispatchPendingAsync(DateTimeOffset.UtcNow.AddMinutes(1), default);
        await sweeper.DispatchPendingAsync(DateTimeOffset.UtcNow.AddMinutes(1), default);

        var received = Assert.Single(await inbox.ReadAsync(recipient, 10, default));
        Assert.Equal(message with { CreatedAt = received.CreatedAt }, received);
    }

    [Fact]
    public async Task Recorded_notification_is_delivered_at_once_and_the_sweep_leaves_it_alone()
    {
        var (outbox, inbox) = Wire();
        await outbox.InitializeAsync(default);
        var recipient = $"审批人{Guid.NewGuid():N}";
        using var stop = new CancellationTokenSource();
        var delivering = outbox.DeliverRecordedAsync(stop.Token);

        await outbox.RecordAsync(Message($"n-{Guid.NewGuid():N}", recipient), default);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await inbox.ReadAsync(recipient, 10, default)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Single(await inbox.ReadAsync(recipient, 10, default));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivering);

        // Marked sent: a sweep finds nothing left of it to send.
        var swept = new RecordingPublisher();
        var sweeper = new NotificationOutbox(azurite.Tables, swept, TimeProvider.System, NullLogger<NotificationOutbox>.Instance);
        await sweeper.DispatchPendingAsync(DateTimeOffset.UtcNow.AddMinutes(1), default);
        Assert.DoesNotContain(recipient, swept.Recipients);
    }

    [Fact]
    public async Task A_message_waiting_for_this_process_to_deliver_it_is_not_sent_again_by_its_sweep()
    {
        var published = new RecordingPublisher();
        var outbox = new NotificationOutbox(azurite.Tables, published, TimeProvider.System, NullLogger<NotificationOutbox>.Instance);
        await outbox.InitializeAsync(default);
        var recipients = Enumerable.Range(0, 3).Select(_ => $"审批人{Guid.NewGuid():N}").ToList();
        foreach (var recipient in recipients)
        {
            await outbox.RecordAsync(Message($"n-{Guid.NewGuid():N}", recipient), default);
        }

        // A backlog: the messages wait in this process's queue while its sweep runs.
        await outbox.DispatchPendingAsync(DateTimeOffset.UtcNow.AddMinutes(1), default);
        Assert.Empty(published.Recipients.Intersect(recipients));

        using var stop = new CancellationTokenSource();
        var delivering = outbox.DeliverRecordedAsync(stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (published.Recipients.Intersect(recipients).Count() < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await outbox.DispatchPendingAsync(DateTimeOffset.UtcNow.AddMinutes(1), default);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivering);
        Assert.Equal(recipients.Order(), published.Recipients.Where(recipients.Contains).Order());
    }

    [Fact]
    public async Task Delivered_messages_are_marked_sent_a_batch_at_a_time_and_a_sweep_finds_none_of_them()
    {
        var requests = new StorageRequestLog();
        var published = new RecordingPublisher();
        var outbox = new NotificationOutbox(requests.Tables(azurite.ConnectionString), published,
            TimeProvider.System, NullLogger<NotificationOutbox>.Instance);
        await outbox.InitializeAsync(default);
        var recipients = Enumerable.Range(0, 40).Select(_ => $"审批人{Guid.NewGuid():N}").ToList();

        // All 40 are recorded before delivery starts, so they are published together and marked in one or a few of the
        // marker's 200 ms windows. Recorded while delivery ran, on a loaded machine they trickled in over more windows
        // than the bound allows (5 batches once in CI), which said nothing about batching.
        await Task.WhenAll(recipients.Select(r => outbox.RecordAsync(Message($"n-{Guid.NewGuid():N}", r), default)));
        using var stop = new CancellationTokenSource();
        var delivering = outbox.DeliverRecordedAsync(stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (published.Recipients.Intersect(recipients).Count() < recipients.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivering);
        Assert.Equal(0, requests.Count("PATCH", "/outbox("));
        Assert.InRange(requests.Count("POST", "/$batch"), 1, 4);
        var swept = new RecordingPublisher();
        await new NotificationOutbox(azurite.Tables, swept, TimeProvider.System, NullLogger<NotificationOutbox>.Instance)
            .DispatchPendingAsync(DateTimeOffset.UtcNow.AddMinutes(1), default);
        Assert.Empty(swept.Recipients.Intersect(recipients));
    }

    [Fact]
    public async Task Failed_delivery_stays_in_the_outbox_and_is_retried()
    {
        var failing = new FailingOnce();
        var (outbox, inbox) = Wire(failing);
        var sender = new NotificationSender([inbox], NullLogger<NotificationSender>.Instance);
        failing.Then = new InProcessNotificationPublisher(sender);
        await outbox.InitializeAsync(default);
        var recipient = $"审批人{Guid.NewGuid():N}";

        // Recorded by a process that stopped before delivering it; this one's sweep fails once, then succeeds.
        await Wire().Outbox.RecordAsync(Message($"n-{Guid.NewGuid():N}", recipient), default);
        await outbox.DispatchPendingAsync(DateTimeOffset.UtcNow.AddMinutes(1), default);
        Assert.Empty(await inbox.ReadAsync(recipient, 10, default));

        await outbox.DispatchPendingAsync(DateTimeOffset.UtcNow.AddMinutes(1), default);
        Assert.Single(await inbox.ReadAsync(recipient, 10, default));
    }

    [Fact]
    public async Task Delivering_the_same_event_twice_keeps_one_inbox_entry()
    {
        var inbox = new InboxChannel(azurite.Tables);
        var publisher = new InProcessNotificationPublisher(new NotificationSender([inbox], NullLogger<NotificationSender>.Instance));
        var recipient = $"审批人{Guid.NewGuid():N}";
        var cloudEvent = NotificationEvents.ToCloudEvent(Message($"n-{Guid.NewGuid():N}", recipient));

        await publisher.PublishAsync(cloudEvent, default);
        await publisher.PublishAsync(cloudEvent, default);

        Assert.Single(await inbox.ReadAsync(recipient, 10, default));
    }

    [Fact]
    public void Notifications_travel_as_cloud_events_1_0()
    {
        var message = Message("n-1");

        using var json = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(NotificationEvents.ToCloudEvent(message)));

        Assert.Equal("1.0", json.RootElement.GetProperty("specversion").GetString());
        Assert.Equal("cn.fupin.workflow.decision-awaited", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("/workflow/case-0001", json.RootElement.GetProperty("source").GetString());
        Assert.Equal("n-1", json.RootElement.GetProperty("id").GetString());
        Assert.Equal("待审核：脱贫退出", json.RootElement.GetProperty("data").GetProperty("Title").GetString());
        Assert.Throws<ArgumentException>(() => NotificationEvents.FromCloudEvent(new CloudEvent("/x", "com.example.other", "{}")));
    }

    private sealed class FailingOnce : INotificationPublisher
    {
        private int _calls;

        public InProcessNotificationPublisher? Then { get; set; }

        public Task PublishAsync(CloudEvent cloudEvent, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1
                ? throw new HttpRequestException("Event Grid unavailable")
                : Then!.PublishAsync(cloudEvent, cancellationToken);
    }

    private sealed class RecordingPublisher : INotificationPublisher
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Recipients { get; } = [];

        public Task PublishAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
        {
            Recipients.Add(NotificationEvents.FromCloudEvent(cloudEvent).Recipient);
            return Task.CompletedTask;
        }
    }
}
