using System.Text.Json;

namespace Workflow.Functions.Hosting.CustomHandler;

/// <summary>
/// Custom-handler mode: one POST /{function} endpoint per non-HTTP function, as the Functions host invokes them. HTTP
/// functions need none: the host forwards their requests unchanged to the app's own routes. These endpoints exist only
/// in this mode, where Kestrel listens on the loopback port the host gave, and no HTTP function's route reaches them.
/// The durable worker polls the task hub itself in this mode too: DTFx leases its control queues and cannot be fed
/// through queue triggers (the isolated worker's Durable Functions binding is the way on Azure).
/// </summary>
public static class CustomHandlerEndpoints
{
    public const string NotificationDeliveryFunction = "NotificationDelivery";

    public static IServiceCollection AddCustomHandler(this IServiceCollection services)
    {
        services.AddSingleton<TimerTriggerHandler>();
        services.AddSingleton<EventGridTriggerHandler>();
        return services;
    }

    public static void MapCustomHandler(this WebApplication app)
    {
        foreach (var schedule in app.Services.GetServices<ScheduledWork>())
        {
            Map(app, new TriggerFunction(schedule.FunctionName, TimerTriggerHandler.TriggerType, TimerTriggerHandler.Binding),
                (services, request, ct) => services.GetRequiredService<TimerTriggerHandler>().HandleAsync(schedule, request, ct));
        }

        Map(app, new TriggerFunction(NotificationDeliveryFunction, EventGridTriggerHandler.TriggerType, EventGridTriggerHandler.Binding),
            (services, request, ct) => services.GetRequiredService<EventGridTriggerHandler>().HandleAsync(request, ct));
    }

    private static void Map(
        WebApplication app, TriggerFunction function, Func<IServiceProvider, InvocationRequest, CancellationToken, Task<InvocationResponse>> handle) =>
        app.MapPost($"/{function.Name}", async (HttpContext http, ILoggerFactory loggers) =>
        {
            var logger = loggers.CreateLogger(typeof(CustomHandlerEndpoints).FullName!);
            var cancellationToken = http.RequestAborted;
            try
            {
                var request = await http.Request.ReadFromJsonAsync<InvocationRequest>(cancellationToken).ConfigureAwait(false)
                              ?? throw new InvalidDataException("The invocation has no body.");
                return Results.Json(await handle(http.RequestServices, request, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is InvalidDataException or JsonException)
            {
                logger.LogWarning(e, "{Function} refused an invocation it cannot process", function.Name);
                return Results.Json(InvocationResponse.WithLogs($"{function.Name}: {e.Message}"), statusCode: StatusCodes.Status400BadRequest);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // The host reads no body from a failure; the log line is for the app's own log and for tests.
                logger.LogError(e, "{Function} failed; the host is told the invocation failed", function.Name);
                return Results.Json(InvocationResponse.WithLogs($"{function.Name} failed: {e.GetType().Name}"), statusCode: StatusCodes.Status500InternalServerError);
            }
        })
        .WithMetadata(function)
        .ExcludeFromDescription();
}
