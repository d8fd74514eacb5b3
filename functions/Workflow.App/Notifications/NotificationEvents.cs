using Azure.Messaging;

namespace Workflow.App.Notifications;

/// <summary>Notification ⇄ CloudEvent 1.0, the one format used on Event Grid and in process alike.</summary>
public static class NotificationEvents
{
    public static CloudEvent ToCloudEvent(NotificationMessage message) =>
        new($"/workflow/{message.Subject}", NotificationKinds.TypePrefix + message.Kind, message, typeof(NotificationMessage))
        {
            Id = message.Id,
            Time = message.CreatedAt,
            Subject = message.Subject,
        };

    /// <exception cref="ArgumentException">The event is not one of ours or carries no notification.</exception>
    public static NotificationMessage FromCloudEvent(CloudEvent cloudEvent)
    {
        if (!cloudEvent.Type.StartsWith(NotificationKinds.TypePrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"CloudEvent type '{cloudEvent.Type}' is not a workflow notification.", nameof(cloudEvent));
        }

        return cloudEvent.Data?.ToObjectFromJson<NotificationMessage>()
               ?? throw new ArgumentException("The CloudEvent carries no notification.", nameof(cloudEvent));
    }
}
