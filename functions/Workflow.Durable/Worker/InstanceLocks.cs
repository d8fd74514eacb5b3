namespace Workflow.Durable;

/// <summary>
/// One step at a time per instance in this process, whether the step comes from the control queue or from an activity
/// completed here: instances hash onto a fixed set of stripes, so memory does not grow with the number of instances.
/// </summary>
internal sealed class InstanceLocks
{
    private const int StripeCount = 64;

    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, StripeCount).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task RunAsync(string instanceId, Func<Task> work, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(instanceId) % StripeCount)];
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
}
