using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;
using Workflow.App.Evidence;
using Xunit;

namespace Workflow.App.Tests.Evidence;

[Collection(AzuriteCollection.Name)]
public sealed class EvidenceStoreTests(AzuriteFixture azurite)
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 1, 2, 3];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] Pdf = "%PDF-1.7\n签字表"u8.ToArray();

    private async Task<EvidenceStore> StoreAsync(long maxBytes = 20 * 1024 * 1024, BlobServiceClient? blobs = null)
    {
        var store = new EvidenceStore(blobs ?? azurite.Blobs, azurite.Tables, Options.Create(new EvidenceOptions { MaxBytes = maxBytes }), TimeProvider.System);
        await store.InitializeAsync(default);
        return store;
    }

    public static TheoryData<byte[], string> Accepted => new()
    {
        { Jpeg, "image/jpeg" },
        { Png, "image/png" },
        { Pdf, "application/pdf" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task Jpeg_png_and_pdf_are_stored_with_their_sha256_and_listed(byte[] content, string contentType)
    {
        var store = await StoreAsync();
        var subject = $"case-{Guid.NewGuid():N}";

        var item = await store.UploadAsync(subject, "consent", "拟退出户认可书", contentType, new MemoryStream(content), "村委会", default);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), item.Sha256);
        Assert.Equal(contentType, item.ContentType);
        Assert.Equal(content.Length, item.Size);
        var listed = Assert.Single(await store.ListAsync(subject, default));
        Assert.Equal(item with { UploadedAt = listed.UploadedAt }, listed);
    }

    [Fact]
    public async Task A_large_upload_is_staged_in_blocks_each_with_its_content_md5_and_the_blob_carries_its_sha256()
    {
        var blocks = new BlockRecorder();
        var store = await StoreAsync(blobs: BlobsWith(blocks));
        var subject = $"case-{Guid.NewGuid():N}";
        var content = Pdf.Concat(RandomNumberGenerator.GetBytes(9 * 1024 * 1024)).ToArray();

        var item = await store.UploadAsync(subject, "appraisal", "评议会记录.pdf", "application/pdf", new MemoryStream(content), "村委会", default);

        var blob = azurite.Blobs.GetBlobContainerClient("evidence").GetBlockBlobClient($"{subject}/appraisal/{item.EvidenceId}.pdf");
        var properties = (await blob.GetPropertiesAsync()).Value;
        var committed = (await blob.GetBlockListAsync(BlockListTypes.Committed)).Value.CommittedBlocks.ToList();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), item.Sha256);
        Assert.Equal(item.Sha256, properties.Metadata[EvidenceStore.Sha256Metadata]);
        Assert.Equal("application/pdf", properties.ContentType);
        Assert.Equal(3, committed.Count);
        Assert.Equal(3, blocks.Sent.Count);
#pragma warning disable CA5351 // Content-MD5 is Put Block's integrity check, not security.
        Assert.All(blocks.Sent, block => Assert.Equal(block.ContentMd5, Convert.ToBase64String(MD5.HashData(block.Body))));
#pragma warning restore CA5351
        Assert.All(blocks.Sent, block => Assert.False(block.HasCrc64));
        Assert.Equal(content, (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task A_block_damaged_on_the_way_is_refused_by_its_content_md5_and_nothing_is_listed()
    {
        var store = await StoreAsync(blobs: BlobsWith(new BlockRecorder { Damage = true }));
        var subject = $"case-{Guid.NewGuid():N}";

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            store.UploadAsync(subject, "appraisal", "会议记录.pdf", "application/pdf", new MemoryStream(Pdf), "村委会", default));

        Assert.Equal(400, error.Status);
        Assert.Equal("Md5Mismatch", error.ErrorCode);
        Assert.Empty(await store.ListAsync(subject, default));
    }

    [Fact]
    public async Task Read_link_shows_the_content_and_cannot_write()
    {
        var store = await StoreAsync();
        var subject = $"case-{Guid.NewGuid():N}";
        var item = await store.UploadAsync(subject, "appraisal", "会议记录.pdf", "application/pdf", new MemoryStream(Pdf), "村委会", default);

        var link = await store.ReadLinkAsync(subject, item.EvidenceId, default);
        using var http = new HttpClient();
        var read = await http.GetByteArrayAsync(link);
        using var put = new HttpRequestMessage(HttpMethod.Put, link) { Content = new ByteArrayContent([1]) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        var write = await http.SendAsync(put);

        Assert.Equal(Pdf, read);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Null(await store.ReadLinkAsync(subject, "no-such-item", default));
    }

    [Fact]
    public async Task Oversize_upload_is_refused_and_nothing_is_stored()
    {
        var store = await StoreAsync(maxBytes: 1024);
        var subject = $"case-{Guid.NewGuid():N}";
        var big = Jpeg.Concat(new byte[2048]).ToArray();

        var error = await Assert.ThrowsAsync<EvidenceRejectedException>(() => store.UploadAsync(subject, "s", "big.jpg", "image/jpeg", new MemoryStream(big), "u", default));

        Assert.Contains("上限", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListAsync(subject, default));
    }

    [Theory]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, "photo.jpg", "image/jpeg", "只接受")]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, "photo.jpg", "application/octet-stream", "只接受")]
    [InlineData(new byte[] { 0x3C, 0x73, 0x63, 0x72, 0x69, 0x70, 0x74, 0x3E }, "scan.pdf", "application/pdf", "只接受")]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E, 0x3C, 0x73 }, "photo.jpg", "image/jpeg", "只接受")]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E, 0x3C, 0x73 }, "photo.jpg", "", "只接受")]
    [InlineData(new byte[0], "empty.png", "image/png", "为空")]
    public async Task Content_that_is_not_jpeg_png_or_pdf_is_refused_whatever_its_name_or_declared_type(byte[] content, string fileName, string declared, string reason)
    {
        var store = await StoreAsync();
        var subject = $"case-{Guid.NewGuid():N}";

        var error = await Assert.ThrowsAsync<EvidenceRejectedException>(() => store.UploadAsync(subject, "s", fileName, declared, new MemoryStream(content), "u", default));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListAsync(subject, default));
    }

    public static TheoryData<byte[], string?, string, string> Hinted => new()
    {
        // Phone browsers send a photo as a bare byte stream, or with no type at all.
        { Jpeg, "application/octet-stream", "image/jpeg", ".jpg" },
        { Jpeg, "", "image/jpeg", ".jpg" },
        { Jpeg, null, "image/jpeg", ".jpg" },
        { Png, "application/octet-stream", "image/png", ".png" },
        // A declared type naming another accepted type: the content is what is kept and served.
        { Pdf, "image/png", "application/pdf", ".pdf" },
        { Png, "application/pdf", "image/png", ".png" },
    };

    [Theory]
    [MemberData(nameof(Hinted))]
    public async Task The_declared_type_is_only_a_hint_the_content_decides_and_is_stored(byte[] content, string? declared, string stored, string extension)
    {
        var store = await StoreAsync();
        var subject = $"case-{Guid.NewGuid():N}";

        var item = await store.UploadAsync(subject, "verification", "入户核实", declared, new MemoryStream(content), "工作队", default);

        Assert.Equal(stored, item.ContentType);
        Assert.Equal(stored, Assert.Single(await store.ListAsync(subject, default)).ContentType);
        var blob = azurite.Blobs.GetBlobContainerClient("evidence").GetBlobClient($"{subject}/verification/{item.EvidenceId}{extension}");
        Assert.Equal(stored, (await blob.GetPropertiesAsync()).Value.ContentType);
    }

    [Fact]
    public async Task An_oversize_photo_sent_as_a_byte_stream_is_still_refused()
    {
        var store = await StoreAsync(maxBytes: 1024);
        var subject = $"case-{Guid.NewGuid():N}";

        var error = await Assert.ThrowsAsync<EvidenceRejectedException>(() =>
            store.UploadAsync(subject, "s", "IMG_0001.jpg", "application/octet-stream", new MemoryStream([.. Jpeg, .. new byte[2048]]), "u", default));

        Assert.Contains("上限", error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListAsync(subject, default));
    }

    [Theory]
    [InlineData("../../etc/passwd.jpg", "passwd.jpg")]
    [InlineData("..\\..\\Windows\\win.ini.jpg", "win.ini.jpg")]
    [InlineData("C:\\照片\\入户核实.jpg", "入户核实.jpg")]
    [InlineData("/", "佐证材料.jpg")]
    [InlineData("bell\u0007.jpg", "bell.jpg")]
    public async Task File_names_with_path_characters_are_kept_only_as_safe_labels(string fileName, string label)
    {
        var store = await StoreAsync();
        var subject = $"case-{Guid.NewGuid():N}";

        var item = await store.UploadAsync(subject, "verification", fileName, "image/jpeg", new MemoryStream(Jpeg), "u", default);
        var link = await store.ReadLinkAsync(subject, item.EvidenceId, default);

        Assert.Equal(label, item.FileName);
        Assert.StartsWith($"/devstoreaccount1/evidence/{subject}/verification/{item.EvidenceId}.jpg", link!.AbsolutePath, StringComparison.Ordinal);
    }

    private BlobServiceClient BlobsWith(HttpPipelinePolicy policy)
    {
        var options = new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06);
        options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        options.Retry.MaxRetries = 0;
        return new BlobServiceClient(azurite.ConnectionString, options);
    }

    /// <summary>Notes each Put Block as it leaves, after the SDK has set its headers; or damages its first byte.</summary>
    private sealed class BlockRecorder : HttpPipelinePolicy
    {
        public ConcurrentQueue<(string? ContentMd5, byte[] Body, bool HasCrc64)> Sent { get; } = new();

        public bool Damage { get; init; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The store's blob client is asynchronous.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var query = message.Request.Uri.Query;
            if (query.Contains("comp=block", StringComparison.Ordinal) && !query.Contains("comp=blocklist", StringComparison.Ordinal) &&
                message.Request.Content is { } content)
            {
                using var body = new MemoryStream();
                await content.WriteToAsync(body, CancellationToken.None);
                var bytes = body.ToArray();
                message.Request.Headers.TryGetValue("Content-MD5", out var md5);
                Sent.Enqueue((md5, bytes, message.Request.Headers.Contains("x-ms-content-crc64") || message.Request.Headers.Contains("x-ms-structured-body")));
                if (Damage)
                {
                    bytes[0] ^= 0xFF;
                    message.Request.Content = RequestContent.Create(bytes);
                }
            }

            await ProcessNextAsync(message, pipeline);
        }
    }
}
