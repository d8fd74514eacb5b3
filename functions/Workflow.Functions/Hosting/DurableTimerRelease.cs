using Workflow.Durable;

namespace Workflow.Functions.Hosting;

/// <summary>
/// Under the Functions host: sends the durable timers that are nearly due from the hub's timer table to their queues,
/// which standalone the worker's own receives do.
/// </summary>
internal sealed class DurableTimerRelease(AzureStorageDurableStore store, ILogger<DurableTimerRelease> logger) : IScheduledWork
{
    public const string FunctionName = "DurableTimers";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var released = await store.ReleaseDueTimersAsync(cancellationToken).ConfigureAwait(false);
        if (released > 0)
        {
            logger.LogInformation("Released {Count} durable timers to their queues", released);
        }
    }
}
