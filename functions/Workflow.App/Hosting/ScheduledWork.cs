namespace Workflow.App.Hosting;

/// <summary>
/// 定时任务: work that runs on a fixed interval, by a timer function under the Azure Functions host and by
/// <see cref="StandaloneScheduler"/> otherwise. One run must be safe to repeat and to overlap with another process's.
/// </summary>
public interface IScheduledWork
{
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>One registered schedule: the timer function that runs the work on Azure and the interval both paths keep.</summary>
public sealed record ScheduledWork(string FunctionName, TimeSpan Interval, Type WorkType)
{
    /// <summary>
    /// The work, as both hosts run it: each run first waits until the app's storage exists (<see cref="StorageReadiness"/>),
    /// so a first start's sweeps do not meet tables the initializer is still creating.
    /// </summary>
    public IScheduledWork Resolve(IServiceProvider services) =>
        new AfterStorageCreated((IScheduledWork)services.GetRequiredService(WorkType), services.GetRequiredService<StorageReadiness>());

    private sealed class AfterStorageCreated(IScheduledWork work, StorageReadiness readiness) : IScheduledWork
    {
        public async Task RunAsync(CancellationToken cancellationToken)
        {
            await readiness.WaitAsync(cancellationToken).ConfigureAwait(false);
            await work.RunAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

public static class ScheduledWorkServices
{
    public static IServiceCollection AddScheduledWork<T>(this IServiceCollection services, string functionName, TimeSpan interval)
        where T : class, IScheduledWork
    {
        services.AddStorageInitializer();
        services.AddSingleton<T>();
        return services.AddSingleton(new ScheduledWork(functionName, interval, typeof(T)));
    }
}
