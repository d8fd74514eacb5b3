namespace Workflow.App.Notifications;

/// <summary>One way of reaching people (robot webhook, e-mail, the local inbox). A channel may be called twice for one message.</summary>
public interface INotificationChannel
{
    string Name { get; }

    Task SendAsync(NotificationMessage message, CancellationToken cancellationToken);
}
