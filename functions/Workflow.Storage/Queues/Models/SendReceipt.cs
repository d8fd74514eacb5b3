namespace Workflow.Storage.Queues.Models;

/// <summary>What sending a message returned.</summary>
public sealed class SendReceipt
{
    public required string MessageId { get; init; }

    public required string PopReceipt { get; init; }

    public DateTimeOffset InsertionTime { get; init; }

    public DateTimeOffset ExpirationTime { get; init; }

    public DateTimeOffset TimeNextVisible { get; init; }
}
