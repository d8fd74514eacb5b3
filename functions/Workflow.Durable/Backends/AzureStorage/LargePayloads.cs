using System.Text;
using Workflow.Storage.Blobs;

namespace Workflow.Durable;

/// <summary>
/// Keeps text that is too large for a table property (32K UTF-16 characters) or a queue message (64 KiB
/// encoded) in a blob, leaving a reference in its place.
/// </summary>
internal sealed class LargePayloads(BlobContainerClient container)
{
    private const string Prefix = "blob:";

    public BlobContainerClient Container => container;

    /// <summary>Returns <paramref name="text"/> itself when it fits in <paramref name="maxInlineBytes"/> UTF-8 bytes, else a blob reference.</summary>
    public async Task<string> StoreAsync(string text, int maxInlineBytes, string blobPrefix, CancellationToken cancellationToken)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxInlineBytes && !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return text;
        }

        var name = $"{blobPrefix}/{Guid.NewGuid():N}";
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), cancellationToken: cancellationToken).ConfigureAwait(false);
        return Prefix + name;
    }

    public async Task<string> LoadAsync(string stored, CancellationToken cancellationToken) =>
        stored.StartsWith(Prefix, StringComparison.Ordinal)
            ? (await container.GetBlobClient(stored[Prefix.Length..]).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToString()
            : stored;

    public async Task DeleteAsync(string stored, CancellationToken cancellationToken)
    {
        if (stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            await container.GetBlobClient(stored[Prefix.Length..]).DeleteIfExistsAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
