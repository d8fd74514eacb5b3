namespace Workflow.Storage.Queues.Models;

/// <summary>A message seen without receiving it: it stays visible and carries no pop receipt.</summary>
public sealed class PeekedMessage
{
    public required string MessageId { get; init; }

    public required BinaryData Body { get; init; }

    /// <summary>The body as UTF-8 text.</summary>
    public string MessageText => Body.ToString();

    public long DequeueCount { get; init; }

    public DateTimeOffset? InsertedOn { get; init; }

    public DateTimeOffset? ExpiresOn { get; init; }
}
