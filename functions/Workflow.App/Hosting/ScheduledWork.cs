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
    public IScheduledWork Resolve(IServiceProvider services) => (IScheduledWork)services.GetRequiredService(WorkType);
}

public static class ScheduledWorkServices
{
    public static IServiceCollection AddScheduledWork<T>(this IServiceCollection services, string functionName, TimeSpan interval)
        where T : class, IScheduledWork
    {
        services.AddSingleton<T>();
        return services.AddSingleton(new ScheduledWork(functionName, interval, typeof(T)));
    }
}
