using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflow.Functions.Durable;
using Workflow.Functions.Hosting;
using Workflow.Functions.Hosting.CustomHandler;
using Xunit;

namespace Workflow.Functions.Tests.Hosting;

/// <summary>
/// The app on real Kestrel in one of its two modes, on a test's own Azurite, with a small orchestration of its own
/// (<see cref="HostedEcho"/>) next to the app's. In custom-handler mode the test plays the Functions host.
/// </summary>
internal sealed class HostedApp(RunningApp app) : IAsyncDisposable
{
    public RunningApp App => app;

    public IServiceProvider Services => app.Services;

    public DurableTaskClient Durable => app.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<HostedApp> StartAsync(AzuriteFixture azurite, bool customHandler, Action<WebApplicationBuilder>? configure = null)
    {
        (string, string)[] settings = customHandler
            ? [("Storage:ConnectionString", azurite.ConnectionString), (CustomHandlerMode.PortSetting, "0")]
            : [("Storage:ConnectionString", azurite.ConnectionString)];
        var app = await RunningApp.StartAsync(
            builder =>
            {
                builder.Services.AddTaskOrchestrator<HostedEcho>(HostedEcho.Name);
                builder.Services.AddTaskActivity<HostedUpper>(HostedUpper.Name);
                configure?.Invoke(builder);
            },
            settings);
        // The hub is created in the background at start; a test that sends at once needs it now (creation is idempotent).
        await app.Services.GetRequiredService<AzureStorageOrchestrationService>().CreateIfNotExistsAsync();
        return new HostedApp(app);
    }

    /// <summary>Posts an invocation as the host does: POST /{function} with the JSON payload.</summary>
    public async Task<(int Status, JsonElement Body)> InvokeAsync(string function, string payload)
    {
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        using var response = await app.Client.PostAsync(new Uri($"/{function}", UriKind.Relative), content);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode, body);
    }

    /// <summary>Checks the custom-handler response shape: Outputs an object, Logs an array of strings, ReturnValue present.</summary>
    public static IReadOnlyList<string> AssertInvocationResponse(JsonElement body)
    {
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.True(body.TryGetProperty("ReturnValue", out _));
        var logs = body.GetProperty("Logs");
        Assert.Equal(JsonValueKind.Array, logs.ValueKind);
        return [.. logs.EnumerateArray().Select(l => l.GetString()!)];
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}

/// <summary>Calls <see cref="HostedUpper"/> once and returns what it answered.</summary>
internal sealed class HostedEcho : TaskOrchestrator<string, string>
{
    public const string Name = "HostedEcho";

    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => context.CallActivityAsync<string>(HostedUpper.Name, input);
}

internal sealed class HostedUpper : TaskActivity<string, string>
{
    public const string Name = "HostedUpper";

    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input.ToUpperInvariant());
}
