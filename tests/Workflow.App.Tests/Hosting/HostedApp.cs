using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflow.App.Durable;

namespace Workflow.App.Tests.Hosting;

/// <summary>
/// The standalone host on real Kestrel, on a test's own Azurite, with a small orchestration of its own
/// (<see cref="HostedEcho"/>) next to the app's.
/// </summary>
internal sealed class HostedApp(RunningApp app) : IAsyncDisposable
{
    public RunningApp App => app;

    public IServiceProvider Services => app.Services;

    public DurableTaskClient Durable => app.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<HostedApp> StartAsync(AzuriteFixture azurite, Action<WebApplicationBuilder>? configure = null)
    {
        (string, string)[] settings = [("Storage:ConnectionString", azurite.ConnectionString)];
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
