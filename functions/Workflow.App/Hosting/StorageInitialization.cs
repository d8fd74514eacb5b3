using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Workflow.App.Hosting;

/// <summary>The tables and containers one capability creates as the app starts.</summary>
public sealed record StorageInitialization(string Capability, Func<IServiceProvider, CancellationToken, Task> CreateAsync);

public static class StorageInitializationServices
{
    public static IServiceCollection AddStorageInitialization(this IServiceCollection services, string capability, Func<IServiceProvider, CancellationToken, Task> createAsync) =>
        services.AddStorageInitializer().AddSingleton(new StorageInitialization(capability, createAsync));

    /// <summary>The initializer and the readiness it reports, once however many capabilities or schedules ask.</summary>
    internal static IServiceCollection AddStorageInitializer(this IServiceCollection services)
    {
        services.TryAddSingleton<StorageReadiness>();
        // AddHostedService adds a service type only once.
        return services.AddHostedService<StorageInitializer>();
    }
}

/// <summary>
/// Creates every capability's storage as the app starts, each retried on its own while storage refuses or is
/// unreachable: the app must still start (and answer its liveness probe) when storage is down. When all exist it says so
/// (<see cref="StorageReadiness"/>).
/// </summary>
internal sealed class StorageInitializer(
    IEnumerable<StorageInitialization> initializations,
    StorageReadiness readiness,
    IServiceProvider services,
    ILogger<StorageInitializer> logger) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(initializations.Select(initialization => CreateAsync(initialization, stoppingToken))).ConfigureAwait(false);
        if (!stoppingToken.IsCancellationRequested)
        {
            readiness.Created();
        }
    }

    private async Task CreateAsync(StorageInitialization initialization, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await initialization.CreateAsync(services, stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The {Capability} storage could not be created; retrying in {Interval}", initialization.Capability, RetryInterval);
                await Task.Delay(RetryInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
