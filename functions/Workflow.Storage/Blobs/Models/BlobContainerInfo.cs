using Azure;

namespace Workflow.Storage.Blobs.Models;

/// <summary>What creating a container returned.</summary>
public sealed class BlobContainerInfo
{
    public ETag ETag { get; init; }

    public DateTimeOffset LastModified { get; init; }
}
