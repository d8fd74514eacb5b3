using Azure;

namespace Workflow.Storage.Blobs.Models;

/// <summary>A blob's system properties and metadata, as returned by Get Blob Properties.</summary>
public sealed class BlobProperties
{
    public string? ContentType { get; init; }

    public long ContentLength { get; init; }

    public ETag ETag { get; init; }

    public DateTimeOffset LastModified { get; init; }

    public DateTimeOffset? CreatedOn { get; init; }

    /// <summary>User metadata (case-insensitive names), including <c>sha256</c> when this client wrote the blob.</summary>
    public IDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The SHA-256 stored at upload (lowercase hex), or null for a blob written by another client.</summary>
    public string? Sha256 => BlobMetadata.Sha256Of(Metadata);
}
