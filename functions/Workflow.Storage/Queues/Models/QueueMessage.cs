namespace Workflow.Storage.Queues.Models;

/// <summary>A received message: invisible to other receivers until <see cref="NextVisibleOn"/>, deletable with <see cref="PopReceipt"/>.</summary>
public sealed class QueueMessage
{
    public required string MessageId { get; init; }

    public required string PopReceipt { get; init; }

    public required BinaryData Body { get; init; }

    /// <summary>The body as UTF-8 text.</summary>
    public string MessageText => Body.ToString();

    /// <summary>How many times the message has been received, this time included.</summary>
    public long DequeueCount { get; init; }

    public DateTimeOffset? NextVisibleOn { get; init; }

    public DateTimeOffset? InsertedOn { get; init; }

    /// <summary>31 Dec 9999 for a message that never expires.</summary>
    public DateTimeOffset? ExpiresOn { get; init; }
}
