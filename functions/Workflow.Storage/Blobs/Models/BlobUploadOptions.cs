namespace Workflow.Storage.Blobs.Models;

/// <summary>Options for <see cref="BlobClient.UploadAsync(Stream, BlobUploadOptions?, CancellationToken)"/>.</summary>
public sealed class BlobUploadOptions
{
    public BlobHttpHeaders? HttpHeaders { get; set; }

    /// <summary>
    /// User metadata: names are C# identifiers, values printable ASCII (they travel as HTTP headers).
    /// The name <c>sha256</c> is reserved for the content hash the client stores.
    /// </summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>No conditions overwrites whatever is there, as Azure.Storage.Blobs does.</summary>
    public BlobRequestConditions? Conditions { get; set; }

    public StorageTransferOptions TransferOptions { get; set; }
}
