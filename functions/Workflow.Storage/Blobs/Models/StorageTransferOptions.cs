namespace Workflow.Storage.Blobs.Models;

/// <summary>How an upload is split: one Put Blob up to <see cref="InitialTransferSize"/>, otherwise blocks of <see cref="MaximumTransferSize"/>.</summary>
public record struct StorageTransferOptions
{
    /// <summary>Largest content sent as a single Put Blob; larger content is sent in blocks. Default 4 MiB.</summary>
    public long? InitialTransferSize { get; set; }

    /// <summary>Size of each Put Block. Default 4 MiB.</summary>
    public long? MaximumTransferSize { get; set; }
}
