using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Workflow.Functions.Evidence;
using Xunit;

namespace Workflow.Functions.Tests.Evidence;

[Collection(AzuriteCollection.Name)]
public sealed class EvidenceStoreTests(AzuriteFixture azurite)
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 1, 2, 3];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] Pdf = "%PDF-1.7\n签字表"u8.ToArray();

    private async Task<EvidenceStore> StoreAsync(long maxBytes = 20 * 1024 * 1024)
    {
        var store = new EvidenceStore(azurite.StorageAccount, Options.Create(new EvidenceOptions { MaxBytes = maxBytes }), TimeProvider.System);
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
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, "image/jpeg", "只接受")]
    [InlineData(new byte[] { 0x3C, 0x73, 0x63, 0x72, 0x69, 0x70, 0x74, 0x3E }, "application/pdf", "只接受")]
    [InlineData(new byte[0], "image/png", "为空")]
    public async Task Wrong_magic_bytes_or_an_empty_file_are_refused(byte[] content, string contentType, string reason)
    {
        var store = await StoreAsync();
        var subject = $"case-{Guid.NewGuid():N}";

        var error = await Assert.ThrowsAsync<EvidenceRejectedException>(() => store.UploadAsync(subject, "s", "x", contentType, new MemoryStream(content), "u", default));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListAsync(subject, default));
    }

    [Fact]
    public async Task Mislabelled_upload_is_refused()
    {
        var store = await StoreAsync();

        var error = await Assert.ThrowsAsync<EvidenceRejectedException>(() =>
            store.UploadAsync($"case-{Guid.NewGuid():N}", "s", "photo.pdf", "application/pdf", new MemoryStream(Png), "u", default));

        Assert.Contains("不符", error.Message, StringComparison.Ordinal);
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
}
