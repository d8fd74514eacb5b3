namespace Workflow.App.Hosting;

/// <summary>The tables and containers one capability creates as the app starts.</summary>
public sealed record StorageInitialization(string Capability, Func<IServiceProvider, CancellationToken, Task> CreateAsync);

public static class StorageInitializationServices
{
    public static IServiceCollection AddStorageInitialization(this IServiceCollection services, string capability, Func<IServiceProvider, CancellationToken, Task> createAsync)
    {
        // Registered once however many capabilities ask (AddHostedService adds a service type only once).
        services.AddHostedService<StorageInitializer>();
        return services.AddSingleton(new StorageInitialization(capability, createAsync));
    }
}

/// <summary>
/// Creates every capability's storage as the app starts, each retried on its own while storage refuses or is
/// unreachable: the app must still start (and answer its liveness probe) when storage is down.
/// </summary>
internal sealed class StorageInitializer(IEnumerable<StorageInitialization> initializations, IServiceProvider services, ILogger<StorageInitializer> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(initializations.Select(initialization => CreateAsync(initialization, stoppingToken)));

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
