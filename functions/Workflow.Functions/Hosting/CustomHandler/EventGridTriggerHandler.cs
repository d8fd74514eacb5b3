using System.Text.Json;
using Azure.Messaging;
using Workflow.Functions.Notifications;

namespace Workflow.Functions.Hosting.CustomHandler;

/// <summary>
/// 事件网格触发: notification CloudEvents from the Event Grid topic, handed to the same <see cref="NotificationSender"/>
/// the in-process publisher uses locally. The subscription validation handshakes never reach here: the host's Event
/// Grid endpoint answers them. A failure fails the invocation, so Event Grid retries (and dead-letters, if configured).
/// </summary>
internal sealed class EventGridTriggerHandler(NotificationSender sender)
{
    public const string TriggerType = "eventGridTrigger";
    public const string Binding = "event";

    public async Task<InvocationResponse> HandleAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        CloudEvent[] events;
        try
        {
            events = CloudEvent.ParseMany(BinaryData.FromString(request.DataText(Binding)));
            foreach (var cloudEvent in events)
            {
                // Checked before anything is sent: retrying cannot turn a foreign or broken event into a notification.
                _ = NotificationEvents.FromCloudEvent(cloudEvent);
            }
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"Data.{Binding} is not a workflow notification CloudEvent: {e.Message}", e);
        }

        foreach (var cloudEvent in events)
        {
            await sender.DeliverAsync(cloudEvent, cancellationToken).ConfigureAwait(false);
        }

        return InvocationResponse.WithLogs([.. events.Select(e => $"Notification {e.Id} ({e.Type}) delivered.")]);
    }
}
