using Microsoft.Extensions.Options;
using Workflow.Storage;
using Workflow.Storage.Blobs.Models;
using Workflow.Storage.Tables;

namespace Workflow.Functions.Evidence;

/// <summary>
/// Evidence in a private blob container, catalogued in a table per subject (case or rectification item).
/// The blob name is made here (subject/step/id.ext); the uploader's file name is kept only as a label, so no
/// path character in it can place a file anywhere.
/// </summary>
public sealed class EvidenceStore(StorageAccount account, IOptions<EvidenceOptions> options, TimeProvider time)
{
    private const string ContainerName = "evidence";
    private const string TableName = "evidence";
    private const int MaxFileNameLength = 120;

    private readonly EvidenceOptions _options = options.Value;
    private readonly EvidenceReadLinks _readLinks = new(account.GetBlobServiceClient(), time);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await account.GetBlobContainerClient(ContainerName).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await account.GetTableClient(TableName).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <exception cref="EvidenceRejectedException">Empty, too large, not JPEG/PNG/PDF, or labelled as another type.</exception>
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
                   ?? throw new EvidenceRejectedException("只接受 JPEG、PNG 图片或 PDF 文件。");
        if (!type.Matches(declaredContentType))
        {
            throw new EvidenceRejectedException($"文件内容是 {type.ContentType}，与声明的类型不符。");
        }

        buffer.Position = 0;
        var id = Guid.NewGuid().ToString("N");
        var blob = account.GetBlobContainerClient(ContainerName).GetBlobClient($"{subject}/{step}/{id}{type.Extension}");
        var stored = await blob.UploadAsync(buffer, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = type.ContentType },
            Conditions = new BlobRequestConditions { IfNoneMatch = Azure.ETag.All },
        }, cancellationToken).ConfigureAwait(false);

        var item = new EvidenceItem(subject, id, step, Label(fileName, type), type.ContentType, buffer.Length,
            stored.Value.Sha256, uploadedBy, time.GetUtcNow());
        await account.GetTableClient(TableName).AddEntityAsync(new TableEntity(subject, id)
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
        await foreach (var row in account.GetTableClient(TableName).QueryAsync(TableFilter.Equal("PartitionKey", subject), cancellationToken: cancellationToken).ConfigureAwait(false))
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
    public async Task<Uri?> ReadLinkAsync(string subject, string evidenceId, CancellationToken cancellationToken)
    {
        var row = await account.GetTableClient(TableName).GetEntityIfExistsAsync(subject, evidenceId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row is null
            ? null
            : await _readLinks.CreateAsync(
                account.GetBlobContainerClient(ContainerName).GetBlobClient(row.GetString("BlobName")!), _options.ReadLinkLifetime, cancellationToken).ConfigureAwait(false);
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
