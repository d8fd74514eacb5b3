namespace Workflow.Storage.Blobs.Models;

/// <summary>One blob of a listing.</summary>
public sealed class BlobItem
{
    public required string Name { get; init; }

    public required BlobItemProperties Properties { get; init; }

    /// <summary>User metadata, listed with the blob so the stored SHA-256 is known without a request per blob.</summary>
    public IDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
