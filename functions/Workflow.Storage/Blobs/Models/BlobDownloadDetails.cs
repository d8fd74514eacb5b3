using Azure;

namespace Workflow.Storage.Blobs.Models;

/// <summary>The properties returned with a download.</summary>
public sealed class BlobDownloadDetails
{
    public string? ContentType { get; init; }

    public long ContentLength { get; init; }

    public ETag ETag { get; init; }

    public DateTimeOffset LastModified { get; init; }

    public IDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc cref="BlobProperties.Sha256"/>
    public string? Sha256 => BlobMetadata.Sha256Of(Metadata);
}
