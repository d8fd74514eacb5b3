namespace Workflow.Storage.Queues.Models;

/// <summary>What updating a message returned: the old pop receipt is void, use this one.</summary>
public sealed class UpdateReceipt
{
    public required string PopReceipt { get; init; }

    public DateTimeOffset NextVisibleOn { get; init; }
}
