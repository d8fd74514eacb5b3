using Workflow.Functions.Hosting;

namespace Workflow.Functions.Exits;

/// <summary>
/// Raises again the decisions and objections that were kept but not marked delivered (the process stopped between
/// keeping and raising). Items younger than the grace period are left to the request that is delivering them now.
/// </summary>
internal sealed class ExitEventRedelivery(DecisionIntake decisions, ObjectionIntake objections, TimeProvider time, ILogger<ExitEventRedelivery> logger)
    : IScheduledWork
{
    public const string FunctionName = "ExitEventRedelivery";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - Grace;
        var raised = await decisions.RedeliverPendingAsync(before, cancellationToken).ConfigureAwait(false)
                     + await objections.RedeliverPendingAsync(before, cancellationToken).ConfigureAwait(false);
        if (raised > 0)
        {
            logger.LogInformation("Raised {Count} kept decisions and objections again", raised);
        }
    }
}
