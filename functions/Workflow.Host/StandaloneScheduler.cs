using Workflow.App.Hosting;

namespace Workflow.Host;

/// <summary>
/// Standalone mode: runs every registered <see cref="ScheduledWork"/> at once and then at its interval until the app
/// stops, as the timer functions do on Azure. A failed run is logged and the next one comes at the next interval.
/// </summary>
internal sealed partial class StandaloneScheduler(IEnumerable<ScheduledWork> schedules, IServiceProvider services, ILogger<StandaloneScheduler> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(schedules.Select(schedule => RunEveryAsync(schedule, stoppingToken)));

    private async Task RunEveryAsync(ScheduledWork schedule, CancellationToken stoppingToken)
    {
        var work = schedule.Resolve(services);
        using var timer = new PeriodicTimer(schedule.Interval);
        try
        {
            do
            {
                try
                {
                    await work.RunAsync(stoppingToken).ConfigureAwait(false);
                    LogRan(logger, schedule.FunctionName);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, e, schedule.FunctionName, schedule.Interval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Work} ran")]
    private static partial void LogRan(ILogger logger, string work);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Work} failed; it runs again in {Interval}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string work, TimeSpan interval);
}
