using Workflow.Functions.Hosting;

namespace Workflow.Functions.Rectification;

/// <summary>
/// Raises again the submissions and verifications that were kept but not marked delivered (the process stopped
/// between keeping and raising). Those younger than the grace period are left to the request delivering them now.
/// </summary>
internal sealed class RectificationEventRedelivery(RectificationIntake intake, TimeProvider time, ILogger<RectificationEventRedelivery> logger) : IScheduledWork
{
    public const string FunctionName = "RectificationEventRedelivery";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var raised = await intake.RedeliverPendingAsync(time.GetUtcNow() - Grace, cancellationToken).ConfigureAwait(false);
        if (raised > 0)
        {
            logger.LogInformation("Raised {Count} kept rectification decisions again", raised);
        }
    }
}
