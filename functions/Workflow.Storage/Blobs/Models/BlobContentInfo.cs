using Azure;

namespace Workflow.Storage.Blobs.Models;

/// <summary>What an upload wrote.</summary>
public sealed class BlobContentInfo
{
    public ETag ETag { get; init; }

    public DateTimeOffset LastModified { get; init; }

    /// <summary>SHA-256 of the uploaded content as lowercase hex, also stored as the blob's <c>sha256</c> metadata.</summary>
    public required string Sha256 { get; init; }
}
