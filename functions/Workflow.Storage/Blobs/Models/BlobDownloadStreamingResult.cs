namespace Workflow.Storage.Blobs.Models;

/// <summary>A download whose content is read from the network as the caller reads <see cref="Content"/>; dispose it to release the connection.</summary>
public sealed class BlobDownloadStreamingResult : IDisposable
{
    public required Stream Content { get; init; }

    public required BlobDownloadDetails Details { get; init; }

    public void Dispose() => Content.Dispose();
}
