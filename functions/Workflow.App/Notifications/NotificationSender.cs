using Azure.Messaging;

namespace Workflow.App.Notifications;

/// <summary>
/// Receives notification CloudEvents (from Event Grid on Azure, in process locally) and hands each to every
/// configured channel. A failure is thrown back so the delivery is retried; channels must tolerate repeats.
/// </summary>
public sealed class NotificationSender(IEnumerable<INotificationChannel> channels, ILogger<NotificationSender> logger)
{
    public async Task DeliverAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        var message = NotificationEvents.FromCloudEvent(cloudEvent);
        foreach (var channel in channels)
        {
            await channel.SendAsync(message, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Notification {Id} ({Kind}) sent through {Channel}.", message.Id, message.Kind, channel.Name);
        }
    }
}
