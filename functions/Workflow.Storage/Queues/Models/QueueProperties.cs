namespace Workflow.Storage.Queues.Models;

/// <summary>A queue's metadata and approximate length.</summary>
public sealed class QueueProperties
{
    /// <summary>Approximate: it may count messages that expired or were deleted moments ago.</summary>
    public int ApproximateMessagesCount { get; init; }

    public IDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
