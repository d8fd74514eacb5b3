using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Functions.Hosting;
using Workflow.Functions.Hosting.CustomHandler;
using Xunit;

namespace Workflow.Functions.Tests.Hosting;

/// <summary>
/// Keeps functionapp/*/function.json and host.json from drifting away from the app: every non-HTTP function has a
/// handler endpoint and every handler endpoint a function, every app route is forwarded by exactly one HTTP function and
/// none reaches a handler endpoint, and bindings name only settings and schedules the app itself uses.
/// </summary>
public sealed partial class FunctionMetadataTests
{
    private static readonly string[] KnownBindingTypes = ["httpTrigger", "http", TimerTriggerHandler.TriggerType, EventGridTriggerHandler.TriggerType];

    [Fact]
    public async Task Every_trigger_function_has_a_handler_endpoint_and_every_handler_endpoint_a_function()
    {
        await using var app = BuildProductionApp();
        var handlers = Endpoints(app).Select(e => e.Metadata.GetMetadata<TriggerFunction>()).OfType<TriggerFunction>().OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var functions = FunctionAppFiles.Functions().Where(f => !f.IsHttp).ToList();

        Assert.Equal(functions.Select(f => f.Name), handlers.Select(h => h.Name));
        foreach (var (function, handler) in functions.Zip(handlers))
        {
            Assert.Equal(handler.TriggerType, function.TriggerType);
            Assert.Equal(handler.Binding, FunctionDefinition.Text(function.Trigger, "name"));
        }
    }

    [Fact]
    public async Task Every_app_route_is_forwarded_by_one_http_function_and_none_reaches_a_handler_endpoint()
    {
        await using var app = BuildProductionApp();
        var http = FunctionAppFiles.Functions().Where(f => f.IsHttp).ToDictionary(f => Prefix(f), f => f);
        var routes = Endpoints(app).Where(e => e.Metadata.GetMetadata<TriggerFunction>() is null).ToList();
        var used = new HashSet<string>(StringComparer.Ordinal);

        foreach (var route in routes)
        {
            var segments = route.RoutePattern.PathSegments;
            var prefix = segments.Count == 0 ? string.Empty : segments[0].Parts.OfType<RoutePatternLiteralPart>().FirstOrDefault()?.Content ?? string.Empty;
            Assert.True(http.TryGetValue(prefix, out var function), $"No HTTP function forwards /{route.RoutePattern.RawText?.TrimStart('/')}.");
            var methods = function!.Trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToHashSet();
            foreach (var method in route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                Assert.True(methods.Contains(method), $"{function.Name} does not forward {method} {route.RoutePattern.RawText}.");
            }

            used.Add(prefix);
        }

        Assert.Equal(http.Keys.Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
        foreach (var handler in Endpoints(app).Select(e => e.Metadata.GetMetadata<TriggerFunction>()).OfType<TriggerFunction>())
        {
            Assert.DoesNotContain(handler.Name, http.Keys, StringComparer.OrdinalIgnoreCase);
        }

        // Anonymous at the function: county routes are behind App Service authentication, the rest carry capability tokens.
        Assert.All(http.Values, f => Assert.Equal("anonymous", FunctionDefinition.Text(f.Trigger, "authLevel")));
    }

    [Fact]
    public void Every_binding_is_of_a_kind_the_host_knows_and_no_durable_queue_is_bound()
    {
        // The durable worker leases the task hub's queues itself: a queue trigger on one would steal its messages.
        Assert.DoesNotContain(FunctionAppFiles.Functions(), f => f.TriggerType == "queueTrigger");
        Assert.All(FunctionAppFiles.Functions().SelectMany(f => f.Bindings), b => Assert.Contains(FunctionDefinition.Text(b, "type"), KnownBindingTypes));
    }

    [Fact]
    public async Task Timer_schedules_are_the_intervals_the_standalone_scheduler_keeps()
    {
        await using var app = BuildProductionApp();
        var schedules = app.Services.GetServices<ScheduledWork>().ToDictionary(s => s.FunctionName, s => s.Interval);
        var timers = FunctionAppFiles.Functions().Where(f => f.TriggerType == TimerTriggerHandler.TriggerType).ToList();

        Assert.Equal(schedules.Keys.Order(StringComparer.Ordinal), timers.Select(t => t.Name));
        foreach (var timer in timers)
        {
            // Six-field NCRONTAB with seconds: "*/N * * * * *" runs every N seconds, "0 */N * * * *" every N minutes.
            var schedule = FunctionDefinition.Text(timer.Trigger, "schedule");
            var seconds = EverySeconds().Match(schedule);
            var minutes = EveryMinutes().Match(schedule);
            Assert.True(seconds.Success || minutes.Success, $"{timer.Name}: expected */N * * * * * or 0 */N * * * *.");
            Assert.Equal(schedules[timer.Name], seconds.Success
                ? TimeSpan.FromSeconds(int.Parse(seconds.Groups[1].Value, CultureInfo.InvariantCulture))
                : TimeSpan.FromMinutes(int.Parse(minutes.Groups[1].Value, CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public void Host_json_matches_the_executable()
    {
        var host = FunctionAppFiles.HostJson();
        var handler = host.GetProperty("customHandler");

        Assert.Equal(typeof(WorkflowApp).Assembly.GetName().Name, handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal(string.Empty, host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.False(host.GetProperty("extensions").TryGetProperty("queues", out _), "No queue trigger is left to configure.");
    }

    private static WebApplication BuildProductionApp() => WorkflowApp.Build(
    [
        "--environment", "Production",
        $"--{CustomHandlerMode.PortSetting}=0",
        "--Storage:ConnectionString=UseDevelopmentStorage=true",
        $"--Links:Keys:k1={Convert.ToBase64String(new byte[32])}",
        "--Links:CurrentKeyId=k1",
    ]);

    private static List<RouteEndpoint> Endpoints(WebApplication app) =>
        [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()];

    // An HTTP function's route is "{prefix}/{*path}" (everything under one first segment) or the site root alone.
    private static string Prefix(FunctionDefinition function)
    {
        var route = FunctionDefinition.Text(function.Trigger, "route");
        if (route == "{root:maxlength(0)?}")
        {
            return string.Empty;
        }

        Assert.EndsWith("/{*path}", route, StringComparison.Ordinal);
        var prefix = route[..^"/{*path}".Length];
        Assert.DoesNotContain('/', prefix);
        Assert.DoesNotContain('{', prefix);
        return prefix;
    }

    private static async Task<bool> ExistsWithinAsync(QueueClient queue, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                await queue.GetPropertiesAsync();
                return true;
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                return false;
            }
        }
    }

    [GeneratedRegex(@"^\*/(\d+) \* \* \* \* \*$")]
    private static partial Regex EverySeconds();

    [GeneratedRegex(@"^0 \*/(\d+) \* \* \* \*$")]
    private static partial Regex EveryMinutes();
}
