using Workflow.Durable;

namespace Workflow.Functions.Hosting.CustomHandler;

/// <summary>
/// 队列触发: one durable message the host took from the control or work-item queue, processed by the same worker code
/// as a polled one. The dispatcher deletes the message itself with the host's pop receipt; the host's own delete after
/// success then finds it gone, which it tolerates. A failure answers 500: the host makes the message visible again
/// after host.json's visibilityTimeout.
/// </summary>
internal sealed class QueueTriggerHandler(DurableTaskWorker worker, AzureStorageDurableStore store)
{
    public const string TriggerType = "queueTrigger";
    public const string Binding = "message";

    public async Task<InvocationResponse> HandleAsync(QueueKind queue, InvocationRequest request, CancellationToken cancellationToken)
    {
        var message = await store.ReadDeliveredAsync(
            queue, request.MetadataText("Id"), request.MetadataText("PopReceipt"), request.MetadataInt("DequeueCount"), request.DataText(Binding), cancellationToken).ConfigureAwait(false);
        await worker.ProcessDeliveredAsync(message, cancellationToken).ConfigureAwait(false);
        return InvocationResponse.WithLogs($"{queue} message {message.MessageId} processed (delivery {message.DequeueCount}).");
    }
}
