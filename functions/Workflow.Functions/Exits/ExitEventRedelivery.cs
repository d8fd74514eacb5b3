namespace Workflow.Functions.Exits;

/// <summary>
/// Raises again the decisions and objections that were kept but not marked delivered (the process stopped between
/// keeping and raising). Items younger than the grace period are left to the request that is delivering them now.
/// </summary>
internal sealed class ExitEventRedelivery(DecisionIntake decisions, ObjectionIntake objections, TimeProvider time, ILogger<ExitEventRedelivery> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var before = time.GetUtcNow() - Grace;
                var raised = await decisions.RedeliverPendingAsync(before, stoppingToken).ConfigureAwait(false)
                             + await objections.RedeliverPendingAsync(before, stoppingToken).ConfigureAwait(false);
                if (raised > 0)
                {
                    logger.LogInformation("Raised {Count} kept decisions and objections again", raised);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Redelivery of kept decisions and objections failed; it runs again in {Interval}", Interval);
            }

            try
            {
                await Task.Delay(Interval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
