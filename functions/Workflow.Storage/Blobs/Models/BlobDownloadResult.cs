namespace Workflow.Storage.Blobs.Models;

/// <summary>A download held in memory: for small blobs only.</summary>
public sealed class BlobDownloadResult
{
    public required BinaryData Content { get; init; }

    public required BlobDownloadDetails Details { get; init; }
}
