using Azure;

namespace Workflow.Storage.Blobs.Models;

/// <summary>The properties a listing returns for each blob.</summary>
public sealed class BlobItemProperties
{
    public string? ContentType { get; init; }

    public long? ContentLength { get; init; }

    public ETag? ETag { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    public DateTimeOffset? CreatedOn { get; init; }
}
