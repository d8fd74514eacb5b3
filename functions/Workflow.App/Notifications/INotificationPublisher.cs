using Azure.Messaging;

namespace Workflow.App.Notifications;

/// <summary>Where the outbox hands events: an Event Grid topic on Azure, the in-process sender locally.</summary>
public interface INotificationPublisher
{
    Task PublishAsync(CloudEvent cloudEvent, CancellationToken cancellationToken);
}
