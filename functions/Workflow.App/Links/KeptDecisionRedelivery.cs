using Workflow.App.Hosting;

namespace Workflow.App.Links;

/// <summary>
/// One sweep for every link capability (exit decisions and objections, rectification submissions and verifications,
/// task reports): delivers again what was kept but not marked delivered because the process stopped in between. What
/// is younger than the grace period is left to the request delivering it now.
/// </summary>
public sealed class KeptDecisionRedelivery(IEnumerable<IKeptDecisionDelivery> deliveries, TimeProvider time, ILogger<KeptDecisionRedelivery> logger)
    : IScheduledWork
{
    public const string FunctionName = "KeptDecisionRedelivery";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - Grace;
        var delivered = 0;
        foreach (var delivery in deliveries)
        {
            delivered += await delivery.RedeliverPendingAsync(before, cancellationToken).ConfigureAwait(false);
        }

        if (delivered > 0)
        {
            logger.LogInformation("Delivered {Count} kept link decisions again", delivered);
        }
    }
}
