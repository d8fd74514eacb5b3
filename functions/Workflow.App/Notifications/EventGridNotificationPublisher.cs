using Azure.Messaging;
using Azure.Messaging.EventGrid;

namespace Workflow.App.Notifications;

/// <summary>Publishes to the Event Grid custom topic; its subscription delivers to the webhook /notifications/events.</summary>
public sealed class EventGridNotificationPublisher(EventGridPublisherClient client) : INotificationPublisher
{
    public async Task PublishAsync(CloudEvent cloudEvent, CancellationToken cancellationToken) =>
        await client.SendEventAsync(cloudEvent, cancellationToken).ConfigureAwait(false);
}
