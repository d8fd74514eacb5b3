namespace Workflow.App.Notifications;

/// <summary>
/// Sends each notification as this process records it, until the app stops; what it misses is left to
/// <see cref="OutboxSweep"/>. Runs in both modes: it serves this process's own recordings, not a trigger.
/// </summary>
public sealed class OutboxDispatcher(NotificationOutbox outbox) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => outbox.DeliverRecordedAsync(stoppingToken);
}
