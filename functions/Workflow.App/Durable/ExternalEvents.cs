using System.Text.Json;
using Microsoft.DurableTask;

namespace Workflow.App.Durable;

/// <summary>
/// External events read by the orchestration itself. Awaited as the SDK does (<c>WaitForExternalEvent&lt;T&gt;</c>), a
/// payload that does not read as <c>T</c> fails the engine's whole step: nothing is recorded, the message is retried
/// for ever and the worker backs off every orchestration each time (EngineContractTests). Taken as JSON and read here,
/// such an event is logged and passed over, and the orchestration waits for the next one. A payload that is not JSON
/// at all cannot come from the app's client; only a message forged on the hub's queue could carry one.
/// </summary>
public static partial class ExternalEvents
{
    /// <summary>The next event named <paramref name="name"/> that reads as <typeparamref name="T"/>.</summary>
    public static async Task<T> WaitForEventAsync<T>(this TaskOrchestrationContext context, string name, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = Read<T>(await context.WaitForExternalEvent<JsonElement?>(name, cancellationToken));
        while (value is null)
        {
            LogPassedOver(context.CreateReplaySafeLogger(typeof(ExternalEvents)), name, context.InstanceId, typeof(T).Name);
            value = Read<T>(await context.WaitForExternalEvent<JsonElement?>(name, cancellationToken));
        }

        return value;
    }

    private static T? Read<T>(JsonElement? payload)
        where T : class
    {
        if (payload is not { } json)
        {
            return null;
        }

        try
        {
            return json.Deserialize<T>(TaskHubServices.JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventName} for {InstanceId} does not read as {Type}; passed over")]
    private static partial void LogPassedOver(ILogger logger, string eventName, string instanceId, string type);
}
