namespace Workflow.App.Notifications;

/// <summary>
/// How Event Grid proves a delivery to <see cref="NotificationWebhook"/> is its own (<c>Notifications:EventGrid</c>):
/// the subscription sends <see cref="DeliveryKey"/> as the static delivery header <see cref="HeaderName"/>, a secret
/// from Key Vault (infra/README.md). Without a key every delivery is refused: the webhook fails closed.
/// </summary>
public sealed class EventGridDeliveryOptions
{
    /// <summary>The delivery header that carries the key (the subscription's deliveryAttributeMappings, marked secret).</summary>
    public const string HeaderName = "X-Workflow-Delivery-Key";

    public string? DeliveryKey { get; set; }
}
