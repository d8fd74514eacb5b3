using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;
using Workflow.App.Storage;

namespace Workflow.App.Evidence;

/// <summary>
/// Evidence in a private blob container, catalogued in a table per subject (case or rectification item).
/// The blob name is made here (subject/step/id.ext); the uploader's file name is kept only as a label, so no
/// path character in it can place a file anywhere. Each blob carries its content's SHA-256 in its metadata.
/// </summary>
public sealed class EvidenceStore(BlobServiceClient blobs, TableServiceClient tables, IOptions<EvidenceOptions> options, TimeProvider time)
{
    /// <summary>The blob metadata name under which an upload's SHA-256 (lowercase hex) is kept.</summary>
    public const string Sha256Metadata = "sha256";

    private const string ContainerName = "evidence";
    private const string TableName = "evidence";
    private const int MaxFileNameLength = 120;

    // Uploads are staged in blocks of this size, each sent with its Content-MD5, which the service checks.
    private const int BlockSize = 4 * 1024 * 1024;

    private readonly EvidenceOptions _options = options.Value;
    private readonly BlobContainerClient _container = blobs.Container(ContainerName);
    private readonly TableClient _table = tables.Table(TableName);
    private readonly EvidenceReadLinks _readLinks = new(blobs, time);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _container.EnsureExistsAsync(cancellationToken).ConfigureAwait(false);
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <param name="declaredContentType">
    /// What the browser said the file is: a hint only, never trusted. The content decides (<see cref="EvidenceFileType.Detect"/>)
    /// and the stored type is the detected one. When a declared type names another accepted type than the content (image/png
    /// for a PDF), the upload is still accepted as what it is: browsers derive the type from the file name, so a photo an app
    /// saved as .png is labelled image/png, and refusing it would leave a village official with a file they cannot fix. It
    /// is served only ever under the detected type, so the label cannot make it be read as something else.
    /// </param>
    /// <exception cref="EvidenceRejectedException">Empty, too large, or not JPEG, PNG or PDF by its content.</exception>
    public async Task<EvidenceItem> UploadAsync(
        string subject,
        string step,
        string? fileName,
        string? declaredContentType,
        Stream content,
        string uploadedBy,
        CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await CopyWithLimitAsync(content, buffer, _options.MaxBytes, cancellationToken).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            throw new EvidenceRejectedException("文件为空，请重新选择文件。");
        }

        var type = EvidenceFileType.Detect(buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, EvidenceFileType.SignatureLength)))
                   ?? throw new EvidenceRejectedException("只接受 JPEG、PNG 图片或 PDF 文件作为佐证材料，这个文件的内容不是其中之一（改文件名不会改变文件内容）。请上传照片或 PDF 扫描件。");

        var id = Guid.NewGuid().ToString("N");
        var blob = _container.GetBlockBlobClient(BlobRules.BlobName($"{subject}/{step}/{id}{type.Extension}"));
        var sha256 = await StoreAsync(blob, buffer.GetBuffer(), (int)buffer.Length, type, cancellationToken).ConfigureAwait(false);

        var item = new EvidenceItem(subject, id, step, Label(fileName, type), type.ContentType, buffer.Length,
            sha256, uploadedBy, time.GetUtcNow());
        await _table.AddCheckedAsync(new TableEntity(subject, id)
        {
            ["Step"] = item.Step,
            ["FileName"] = item.FileName,
            ["ContentType"] = item.ContentType,
            ["Size"] = item.Size,
            ["Sha256"] = item.Sha256,
            ["UploadedBy"] = item.UploadedBy,
            ["UploadedAt"] = item.UploadedAt,
            ["BlobName"] = blob.Name,
        }, cancellationToken).ConfigureAwait(false);
        return item;
    }

    public async Task<IReadOnlyList<EvidenceItem>> ListAsync(string subject, CancellationToken cancellationToken)
    {
        var items = new List<EvidenceItem>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {subject}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            items.Add(new EvidenceItem(subject, row.RowKey, row.GetString("Step")!, row.GetString("FileName")!, row.GetString("ContentType")!,
                row.GetInt64("Size")!.Value, row.GetString("Sha256")!, row.GetString("UploadedBy")!, row.GetDateTimeOffset("UploadedAt")!.Value));
        }

        return items.OrderBy(i => i.UploadedAt).ToList();
    }

    /// <summary>
    /// A read-only link that expires after <see cref="EvidenceOptions.ReadLinkLifetime"/>, signed with the account key or,
    /// when the account is reached with a token, a user delegation key; null when the item does not exist.
    /// </summary>
    /// <exception cref="ArgumentException">The subject or id is not a valid table key (<see cref="TableRules.Key"/>).</exception>
    public async Task<Uri?> ReadLinkAsync(string subject, string evidenceId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(
            TableRules.Key(subject, nameof(subject)), TableRules.Key(evidenceId, nameof(evidenceId)), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue
            ? await _readLinks.CreateAsync(_container.GetBlobClient(row.Value!.GetString("BlobName")), _options.ReadLinkLifetime, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>
    /// Stages the content in blocks, each with its Content-MD5 so the service refuses one damaged on the way, then
    /// commits them as a new blob (never over an existing one) with its type and SHA-256. Returns the SHA-256.
    /// </summary>
    /// <remarks>
    /// MD5, not the SDK's CRC64: a transactional CRC64 is sent as a structured message, which Azurite does not
    /// acknowledge, so every upload would fail locally.
    /// </remarks>
    private static async Task<string> StoreAsync(BlockBlobClient blob, byte[] content, int length, EvidenceFileType type, CancellationToken cancellationToken)
    {
        var blockIds = new List<string>();
        for (var offset = 0; offset < length; offset += BlockSize)
        {
            var count = Math.Min(BlockSize, length - offset);
            // Ids of one length, as the service requires; the blob is new, so no other upload's blocks share them.
            var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes(blockIds.Count.ToString("D6", CultureInfo.InvariantCulture)));
#pragma warning disable CA5351 // MD5 is what Put Block's Content-MD5 takes: an integrity check against damage in transit, not security.
            var md5 = MD5.HashData(content.AsSpan(offset, count));
#pragma warning restore CA5351
            using var part = new MemoryStream(content, offset, count, writable: false);
            await blob.StageBlockAsync(blockId, part, new BlockBlobStageBlockOptions
            {
                TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5, PrecalculatedChecksum = md5 },
            }, cancellationToken).ConfigureAwait(false);
            blockIds.Add(blockId);
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content.AsSpan(0, length)));
        await blob.CommitBlockListAsync(blockIds, new CommitBlockListOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = type.ContentType },
            Metadata = new Dictionary<string, string> { [Sha256Metadata] = sha256 },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        }, cancellationToken).ConfigureAwait(false);
        return sha256;
    }

    private static async Task CopyWithLimitAsync(Stream source, MemoryStream target, long limit, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (target.Length + read > limit)
            {
                throw new EvidenceRejectedException($"文件超过 {limit / (1024 * 1024)} MB 的上限。");
            }

            target.Write(chunk, 0, read);
        }
    }

    // The uploader's name is a label only: drop any folder part and control characters, keep Chinese.
    private static string Label(string? fileName, EvidenceFileType type)
    {
        var name = (fileName ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim().TrimStart('.');
        if (name.Length == 0)
        {
            name = $"佐证材料{type.Extension}";
        }

        return name.Length <= MaxFileNameLength ? name : name[..MaxFileNameLength];
    }
}
