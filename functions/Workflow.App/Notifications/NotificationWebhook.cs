using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using Microsoft.Extensions.Options;

namespace Workflow.App.Notifications;

/// <summary>
/// 通知投递入口: Event Grid delivers the notification CloudEvents here (CloudEvents 1.0, structured JSON, one event or a
/// batch) and each goes to the same <see cref="NotificationSender"/> the in-process publisher uses. A plain route of
/// the app, so both hosts serve it (the Function App through its <c>notifications/</c> area trigger): Extensions.EventGrid,
/// the trigger that would do this, is not served here. App Service sign-in lets the path through (infra); the webhook
/// authenticates each delivery itself by the static delivery header <see cref="EventGridDeliveryOptions.HeaderName"/>.
/// A delivery is all or nothing: every event is checked before any is sent, and a channel's failure answers 500 so
/// Event Grid retries the batch (channels tolerate repeats). Nothing of a payload or of the key reaches a log.
/// </summary>
internal static class NotificationWebhook
{
    public const string Path = "/notifications/events";

    /// <summary>Event Grid's largest event and its largest batch are 1 MB; anything bigger is not from it.</summary>
    private const int MaxBodyBytes = 1024 * 1024;

    // The kinds of NotificationKinds, read off its constants so a new kind is known here the day it is added.
    private static readonly HashSet<string> KnownTypes = typeof(NotificationKinds).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.Name != nameof(NotificationKinds.TypePrefix))
        .Select(field => NotificationKinds.TypePrefix + (string)field.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapNotificationWebhook(this IEndpointRouteBuilder app)
    {
        // The CloudEvents abuse-protection handshake carries no delivery and grants nothing, so it needs no key (the
        // CloudEvents spec does not say a sender's custom headers come with it).
        app.MapMethods(Path, [HttpMethods.Options], (HttpRequest request, HttpResponse response) =>
        {
            if (request.Headers["WebHook-Request-Origin"] is not [{ Length: > 0 } origin])
            {
                return Results.Problem("缺少 WebHook-Request-Origin 请求头。", statusCode: StatusCodes.Status400BadRequest);
            }

            response.Headers["WebHook-Allowed-Origin"] = origin;
            // No rate of our own: Flex Consumption's instance cap (infra) bounds the work, and deliveries are small.
            response.Headers["WebHook-Allowed-Rate"] = "*";
            response.Headers.Allow = "POST, OPTIONS";
            return Results.Ok();
        }).AllowAnonymous();

        app.MapPost(Path, ReceiveAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request, IOptions<EventGridDeliveryOptions> options, NotificationSender sender, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(NotificationWebhook).FullName!);
        if (!HoldsKey(request, options.Value.DeliveryKey))
        {
            logger.LogWarning("Notification delivery refused: the {Header} header is missing or wrong{Configured}.",
                EventGridDeliveryOptions.HeaderName, string.IsNullOrEmpty(options.Value.DeliveryKey) ? " (no delivery key is configured)" : string.Empty);
            return Results.Problem("通知投递未通过身份验证。", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (await ReadBodyAsync(request, cancellationToken) is not { } body)
        {
            logger.LogWarning("Notification delivery refused: its body is over {Limit} bytes.", MaxBodyBytes);
            return Results.Problem("通知投递内容过大。", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        CloudEvent[] events;
        try
        {
            if (IsEventGridSchema(body))
            {
                return SubscriptionValidation(body, logger);
            }

            events = CloudEvent.ParseMany(body);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or FormatException or InvalidOperationException)
        {
            // The exception's message can quote the body; only its type is logged.
            logger.LogWarning("Notification delivery refused: the body is not CloudEvents JSON ({Error}).", e.GetType().Name);
            return Results.Problem("通知投递内容不是有效的 CloudEvents JSON。", statusCode: StatusCodes.Status400BadRequest);
        }

        if (events.Length == 0)
        {
            logger.LogWarning("Notification delivery refused: it holds no event.");
            return Results.Problem("通知投递不含任何事件。", statusCode: StatusCodes.Status400BadRequest);
        }

        if (events.FirstOrDefault(e => !IsNotification(e)) is { } foreign)
        {
            logger.LogWarning("Notification delivery refused: event {Id} of type {Type} is not a workflow notification; nothing in its batch was delivered.",
                Bounded(foreign.Id), Bounded(foreign.Type));
            return Results.Problem("通知投递含有未知的事件类型，已全部拒收。", statusCode: StatusCodes.Status400BadRequest);
        }

        foreach (var cloudEvent in events)
        {
            await sender.DeliverAsync(cloudEvent, cancellationToken).ConfigureAwait(false);
        }

        return Results.Ok();
    }

    // Compared as SHA-256 digests in constant time: neither the key's bytes nor its length show in the timing.
    private static bool HoldsKey(HttpRequest request, string? key) =>
        !string.IsNullOrEmpty(key)
        && request.Headers[EventGridDeliveryOptions.HeaderName] is [{ } presented]
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static async Task<BinaryData?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return BinaryData.FromBytes(buffer.ToArray());
    }

    // Event Grid's own schema names its type "eventType"; a CloudEvent names it "type".
    private static bool IsEventGridSchema(BinaryData body)
    {
        using var document = JsonDocument.Parse(body);
        var first = document.RootElement.ValueKind == JsonValueKind.Array && document.RootElement.GetArrayLength() > 0
            ? document.RootElement[0]
            : document.RootElement;
        return first.ValueKind == JsonValueKind.Object && first.TryGetProperty("eventType", out _);
    }

    /// <summary>The Event Grid schema's handshake: the subscription's validation code, echoed. Any other Event Grid event is not ours.</summary>
    private static IResult SubscriptionValidation(BinaryData body, ILogger logger)
    {
        var events = EventGridEvent.ParseMany(body);
        if (events is [var validation] && validation.TryGetSystemEventData(out var data) && data is SubscriptionValidationEventData { ValidationCode: { } code })
        {
            logger.LogInformation("Event Grid subscription validation {Id} answered.", Bounded(validation.Id));
            return Results.Json(new { validationResponse = code });
        }

        foreach (var refused in events)
        {
            logger.LogWarning("Notification delivery refused: Event Grid event {Id} of unknown type {Type}.", Bounded(refused.Id), Bounded(refused.EventType));
        }

        return Results.Problem("通知投递含有未知的事件类型，已全部拒收。", statusCode: StatusCodes.Status400BadRequest);
    }

    // Ours: a known kind's type, and a notification whose kind is that type's, so a delivery cannot pass as another kind.
    private static bool IsNotification(CloudEvent cloudEvent)
    {
        if (!KnownTypes.Contains(cloudEvent.Type))
        {
            return false;
        }

        try
        {
            return NotificationKinds.TypePrefix + NotificationEvents.FromCloudEvent(cloudEvent).Kind == cloudEvent.Type;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    // Ids and types come from the sender: a log line holds at most 64 characters of each.
    private static string Bounded(string? value) => value is null ? "(none)" : value.Length <= 64 ? value : value[..64] + "…";
}
