namespace Workflow.Durable;

/// <summary>
/// One step at a time per instance in this process, whether the step comes from the control queue or from an activity
/// completed here: instances hash onto a fixed set of stripes, so memory does not grow with the number of instances.
/// </summary>
internal sealed class InstanceLocks
{
    // Unrelated instances sharing a stripe wait for each other: enough stripes that this is rare at the worker's concurrency.
    private const int StripeCount = 1024;

    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, StripeCount).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task RunAsync(string instanceId, Func<Task> work, CancellationToken cancellationToken)
    {
        var stripe = Stripe(instanceId);
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await work().ConfigureAwait(false);
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>Runs the work only if the instance is free right now; false, without waiting, when it is not.</summary>
    public async Task<bool> TryRunAsync(string instanceId, Func<Task> work)
    {
        var stripe = Stripe(instanceId);
        if (!stripe.Wait(0, CancellationToken.None))
        {
            return false;
        }

        try
        {
            await work().ConfigureAwait(false);
            return true;
        }
        finally
        {
            stripe.Release();
        }
    }

    private SemaphoreSlim Stripe(string instanceId) => _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(instanceId) % StripeCount)];
}
