using Workflow.Durable;
using Workflow.Functions.Hosting.CustomHandler;
using Workflow.Storage;

namespace Workflow.Functions.Hosting;

/// <summary>
/// The durable runtime inside the app: one task hub in the app's storage account, a client for endpoints,
/// and — standalone — a background worker. Capabilities add their orchestrators and activities with
/// <see cref="AddOrchestrator{T}"/> and <see cref="AddActivity{T}"/>; activities come from DI, so they can use
/// the app's services.
/// </summary>
public static class DurableHosting
{
    public static IServiceCollection AddDurableTasks(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Durable");
        // As Durable Functions' storageProvider.connectionName: the hub may live in an account of its own (Durable:Connection
        // names the section that configures it), so its history and queues do not share an account's throughput with the
        // app's tables. Unset, it is the app's account.
        var connection = section["Connection"];
        services.AddSingleton(provider => new AzureStorageDurableStore(
            string.IsNullOrWhiteSpace(connection) ? provider.GetRequiredService<StorageAccount>() : WorkflowApp.StorageAccountOf(configuration.GetSection(connection)),
            new AzureStorageDurableOptions { TaskHubName = section["TaskHub"] ?? "workflow" }));
        services.AddSingleton<IDurableStore>(provider => provider.GetRequiredService<AzureStorageDurableStore>());
        services.AddSingleton(provider => TaskOptions(section, provider.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton(provider => new DurableTaskClient(provider.GetRequiredService<IDurableStore>(), provider.GetRequiredService<DurableTaskOptions>()));
        services.AddSingleton(provider =>
        {
            var registry = new DurableTaskRegistry();
            foreach (var registration in provider.GetServices<DurableRegistration>())
            {
                registration.Register(registry, provider);
            }

            return registry;
        });
        services.AddSingleton(provider => new DurableTaskWorker(
            provider.GetRequiredService<IDurableStore>(),
            provider.GetRequiredService<DurableTaskRegistry>(),
            provider.GetRequiredService<DurableTaskOptions>(),
            provider.GetRequiredService<ILogger<DurableTaskWorker>>()));
        services.AddHostedService<DurableWorkerService>();

        // Standalone, the worker's receives release the timers that wait in the hub's table; under the host a timer does.
        if (CustomHandlerMode.IsOn(configuration))
        {
            services.AddScheduledWork<DurableTimerRelease>(DurableTimerRelease.FunctionName, new AzureStorageDurableOptions().TimerReleaseInterval);
        }

        return services;
    }

    public static IServiceCollection AddOrchestrator<T>(this IServiceCollection services, string name, string version = "1")
        where T : class, ITaskOrchestrator, new() =>
        services.AddSingleton(new DurableRegistration((registry, _) => registry.AddOrchestrator(name, version, () => new T())));

    public static IServiceCollection AddActivity<T>(this IServiceCollection services, string name)
        where T : class, ITaskActivity
    {
        services.AddTransient<T>();
        return services.AddSingleton(new DurableRegistration((registry, provider) => registry.AddActivity(name, provider.GetRequiredService<T>)));
    }

    // Messages are signed so a forged queue message is quarantined; outside development the key must be configured.
    // The visibility timeouts are how long a crashed worker's messages stay hidden before another takes them over.
    private static DurableTaskOptions TaskOptions(IConfigurationSection section, IHostEnvironment environment)
    {
        var options = new DurableTaskOptions();
        options.ControlVisibilityTimeout = section.GetValue(nameof(options.ControlVisibilityTimeout), options.ControlVisibilityTimeout);
        options.ActivityVisibilityTimeout = section.GetValue(nameof(options.ActivityVisibilityTimeout), options.ActivityVisibilityTimeout);
        if (section["MessageSigningKey"] is { Length: > 0 } key)
        {
            options.MessageSigningKey = Convert.FromBase64String(key);
        }
        else if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException("Durable:MessageSigningKey is not set; it is required outside Development (Key Vault on Azure).");
        }

        return options;
    }
}

/// <summary>One orchestrator or activity a capability contributes to the registry.</summary>
public sealed record DurableRegistration(Action<DurableTaskRegistry, IServiceProvider> Register);

/// <summary>
/// Creates the task hub and, standalone, runs the worker until the app stops; under the Functions host its queue
/// triggers deliver the messages instead. Creation is retried while storage refuses or is unreachable, so the app
/// keeps running (and reports unhealthy) instead of stopping.
/// </summary>
internal sealed class DurableWorkerService(IDurableStore store, DurableTaskWorker worker, IConfiguration configuration, ILogger<DurableWorkerService> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Only the storage backend has anything to create; a test may run the app on the in-memory one.
        while (store is AzureStorageDurableStore azure && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await azure.CreateIfNotExistsAsync(stoppingToken).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The task hub could not be created; retrying in {Interval}", RetryInterval);
                await Task.Delay(RetryInterval, stoppingToken).ConfigureAwait(false);
            }
        }

        if (!CustomHandlerMode.IsOn(configuration))
        {
            await worker.RunAsync(stoppingToken).ConfigureAwait(false);
        }
    }
}
