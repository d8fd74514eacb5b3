using System.Text.Json;
using Azure.Messaging;

namespace Workflow.App.Notifications;

/// <summary>
/// Local delivery with no Event Grid: the event is written and parsed as the CloudEvents JSON Event Grid
/// would carry, so what works here works there.
/// </summary>
public sealed class InProcessNotificationPublisher(NotificationSender sender) : INotificationPublisher
{
    public Task PublishAsync(CloudEvent cloudEvent, CancellationToken cancellationToken)
    {
        var wire = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(cloudEvent));
        return sender.DeliverAsync(CloudEvent.Parse(wire)!, cancellationToken);
    }
}
