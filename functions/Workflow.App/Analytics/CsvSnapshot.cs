using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Workflow.App.Analytics;

/// <summary>
/// One table's CSV snapshot, <c>exports/{yyyy-MM-dd}/{table}.csv</c>, streamed to the blob as rows come, in the form
/// <see cref="ExportCsvWriter"/> writes (UTF-8 with BOM; the bytes go to the blob as written). The blob is written by
/// Put Block then one Put Block List at the end, so it changes atomically: a run that stops midway leaves the previous
/// snapshot (or none), never half a file. The commit records the content's SHA-256 as the blob's <c>sha256</c>
/// metadata; when the finished content hashes the same as the stored blob, the upload is abandoned before the commit
/// and the blob is not rewritten.
/// </summary>
public sealed class CsvSnapshot : IAsyncDisposable
{
    /// <summary>The metadata holding the content's SHA-256 (lowercase hex), the name the snapshots have always had.</summary>
    public const string Sha256Metadata = "sha256";

    /// <summary>The metadata holding the table fingerprint the snapshot was written for (see <see cref="DeferredSnapshot"/>), when known.</summary>
    public const string FingerprintMetadata = "fingerprint";

    private const int BlockSize = 4 << 20;

    // Each block carries its MD5, which the service checks. Without one Azurite computes a CRC64 per block in JavaScript,
    // a byte at a time (half the upload rate); the SDK's transactional CRC64 is refused by Azurite altogether.
    private static readonly UploadTransferValidationOptions BlockMd5 = new() { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 };

    private readonly Pipe _pipe;
    private readonly HashingStream _content;
    private readonly ExportCsvWriter _csv;
    private readonly Task _upload;
    private readonly BlockBlobClient _blob;
    private readonly string? _storedSha256;
    private readonly string? _storedFingerprint;
    private string? _sha256;
    private string? _fingerprint;
    private bool _finished;

    private CsvSnapshot(Pipe pipe, HashingStream content, ExportCsvWriter csv, BlockBlobClient blob, IDictionary<string, string>? stored, CancellationToken cancellationToken)
    {
        _pipe = pipe;
        _content = content;
        _csv = csv;
        _blob = blob;
        _storedSha256 = Metadata(stored, Sha256Metadata);
        _storedFingerprint = Metadata(stored, FingerprintMetadata);
        _upload = Task.Run(() => UploadAsync(blob, cancellationToken), cancellationToken);
    }

    // Blocks are staged as the pipe fills them and committed once it completes. The SDK's own UploadAsync takes the
    // metadata before the first byte, and the hash is known only after the last. A failed upload completes the reader,
    // so the writer is not left waiting on a full pipe; a writer completed with an exception fails the read, before
    // the commit.
    private async Task UploadAsync(BlockBlobClient blob, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            // Ids unique to this upload: a concurrent upload of the same blob cannot commit our blocks or we theirs.
            var uploadId = Guid.NewGuid().ToString("N");
            var blockIds = new List<string>();
            var content = _pipe.Reader.AsStream(leaveOpen: true);
            while (true)
            {
                var filled = await content.ReadAtLeastAsync(buffer.AsMemory(0, BlockSize), BlockSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (filled > 0)
                {
                    var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{uploadId}{blockIds.Count:D6}")));
                    using var block = new MemoryStream(buffer, 0, filled, writable: false);
                    await blob.StageBlockAsync(blockId, block, new BlockBlobStageBlockOptions { TransferValidation = BlockMd5 }, cancellationToken).ConfigureAwait(false);
                    blockIds.Add(blockId);
                }

                if (filled < BlockSize)
                {
                    break;
                }
            }

            await blob.CommitBlockListAsync(blockIds, new CommitBlockListOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv; charset=utf-8" },
                Metadata = MetadataOf(_sha256 ?? throw new InvalidOperationException("The snapshot ended without its hash."), _fingerprint),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await _pipe.Reader.CompleteAsync(failure).ConfigureAwait(false);
        }
    }

    public static string BlobName(DateOnly date, ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return $"{date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}/{table.Name}.csv";
    }

    public static async Task<CsvSnapshot> BeginAsync(BlobContainerClient container, DateOnly date, ExportTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var blob = container.GetBlockBlobClient(BlobName(date, table));
        var stored = await StoredMetadataAsync(container, blob.Name, cancellationToken).ConfigureAwait(false);

        // Room for two of the upload's 4 MiB blocks: the rows of the next block are written while the last one is sent,
        // instead of the writer waiting on every send (the snapshot took twice the plain CSV write's time with 1 MiB).
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 8 << 20, resumeWriterThreshold: 4 << 20));
        var content = new HashingStream(pipe.Writer.AsStream());
        var csv = await ExportCsvWriter.BeginAsync(content, table, cancellationToken).ConfigureAwait(false);
        return new CsvSnapshot(pipe, content, csv, blob, stored, cancellationToken);
    }

    public Task WriteAsync(IEnumerable<ExportRow> rows, CancellationToken cancellationToken) => _csv.WriteAsync(rows, cancellationToken);

    /// <summary>Whether the day's snapshot of the table exists and was written for <paramref name="fingerprint"/>.</summary>
    public static async Task<bool> HoldsAsync(BlobContainerClient container, DateOnly date, ExportTable table, string fingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var stored = await StoredMetadataAsync(container, BlobName(date, table), cancellationToken).ConfigureAwait(false);
        return Metadata(stored, FingerprintMetadata) == fingerprint;
    }

    /// <summary>
    /// Copies the snapshot of <paramref name="from"/> to the name of <paramref name="to"/> within the account (no byte
    /// passes through the app), when it holds <paramref name="fingerprint"/>; false when it does not or the copy fails
    /// (then the caller writes the snapshot).
    /// </summary>
    public static async Task<bool> CopyAsync(BlobContainerClient container, DateOnly from, DateOnly to, ExportTable table, string fingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (!await HoldsAsync(container, from, table, fingerprint, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            var copy = await container.GetBlockBlobClient(BlobName(to, table))
                .StartCopyFromUriAsync(container.GetBlockBlobClient(BlobName(from, table)).Uri, cancellationToken: cancellationToken).ConfigureAwait(false);
            await copy.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // E.g. a credential that may not read the source for a copy: writing the snapshot is the fallback.
            return false;
        }

        return await HoldsAsync(container, to, table, fingerprint, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Commits the snapshot, recording <paramref name="fingerprint"/> with it; false when it was identical to the stored
    /// one and nothing was written (its metadata then gets the fingerprint, if it lacked it).
    /// </summary>
    public async Task<bool> CommitAsync(string? fingerprint, CancellationToken cancellationToken)
    {
        await _csv.FlushAsync(cancellationToken).ConfigureAwait(false);
        _finished = true;
        _content.Seal();
        // Set before the pipe completes, so the upload, which commits only after reading to the end, sees them.
        _fingerprint = fingerprint;
        var sha256 = _sha256 = _content.Sha256();
        if (sha256 == _storedSha256)
        {
            await _pipe.Writer.CompleteAsync(new SnapshotUnchangedException()).ConfigureAwait(false);
            try
            {
                await _upload.ConfigureAwait(false);
            }
            catch (SnapshotUnchangedException)
            {
                // The upload stopped before its commit: the stored blob stands.
            }

            if (fingerprint != _storedFingerprint)
            {
                await _blob.SetMetadataAsync(MetadataOf(sha256, fingerprint), cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return false;
        }

        await _pipe.Writer.CompleteAsync().ConfigureAwait(false);
        await _upload.ConfigureAwait(false);
        return true;
    }

    private static Dictionary<string, string> MetadataOf(string sha256, string? fingerprint)
    {
        var metadata = new Dictionary<string, string> { [Sha256Metadata] = sha256 };
        if (fingerprint is not null)
        {
            // Base64 may end in '=': fine in a metadata value.
            metadata[FingerprintMetadata] = fingerprint;
        }

        return metadata;
    }

    private static string? Metadata(IDictionary<string, string>? metadata, string name) =>
        metadata?.FirstOrDefault(m => m.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>
    /// The stored snapshot's metadata, or null when the day has none yet. Read from a listing, not a HEAD: a HEAD on the
    /// day's first snapshot of each table answers 404, which Azure.Core logs as a warning every day (as for containers,
    /// <see cref="Storage.BlobContainers"/>); a listing answers 200 either way.
    /// </summary>
    private static async Task<IDictionary<string, string>?> StoredMetadataAsync(BlobContainerClient container, string name, CancellationToken cancellationToken)
    {
        await foreach (var listed in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, name, cancellationToken).ConfigureAwait(false))
        {
            if (listed.Name == name)
            {
                return listed.Metadata;
            }
        }

        return null;
    }

    /// <summary>Abandons an unfinished snapshot: the upload fails before its commit.</summary>
    public async ValueTask DisposeAsync()
    {
        _content.Seal();
        if (!_finished)
        {
            await _pipe.Writer.CompleteAsync(new OperationCanceledException("The export stopped before the snapshot was complete.")).ConfigureAwait(false);
            try
            {
                await _upload.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or RequestFailedException or IOException)
            {
                // Nothing was committed: that is the point.
            }
        }

        await _csv.DisposeAsync().ConfigureAwait(false);
        await _content.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class SnapshotUnchangedException : Exception
    {
        public SnapshotUnchangedException()
            : base("The snapshot is unchanged.")
        {
        }
    }

    /// <summary>Passes the CSV bytes on to the pipe and hashes them on the way: the hash the commit records and the next run compares.</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private bool _sealed;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public string Sha256() => Convert.ToHexStringLower(_sha256.GetHashAndReset());

        /// <summary>Ends the content: what the CSV writer flushes afterwards (on dispose) goes nowhere, the pipe is completed.</summary>
        public void Seal() => _sealed = true;

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_sealed)
            {
                return;
            }

            _sha256.AppendData(buffer, offset, count);
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_sealed)
            {
                return;
            }

            _sha256.AppendData(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
            if (!_sealed)
            {
                inner.Flush();
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => _sealed ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _sha256.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
