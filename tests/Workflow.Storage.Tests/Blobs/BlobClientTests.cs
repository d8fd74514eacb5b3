using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Workflow.Storage.Blobs;
using Workflow.Storage.Blobs.Models;
using Xunit;

namespace Workflow.Storage.Tests.Blobs;

[Collection(AzuriteCollection.Name)]
public sealed class BlobClientTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int MiB = 1024 * 1024;

    private readonly RequestLog _requests = new();
    private BlobContainerClient _container = null!;

    public async Task InitializeAsync()
    {
        var options = new StorageClientOptions();
        options.AddPolicy(_requests, HttpPipelinePosition.PerRetry);
        _container = new BlobContainerClient(azurite.ConnectionString, AzuriteFixture.UniqueName("blobs"), options);
        await _container.CreateIfNotExistsAsync();
        _requests.Clear();
    }

    public async Task DisposeAsync() => await _container.DeleteAsync();

    [Fact]
    public async Task Chinese_name_content_and_content_type_round_trip()
    {
        const string text = "脱贫退出审批：湘西州花垣县十八洞村，2024年度核查通过。";
        var blob = _container.GetBlobClient("证据/十八洞村 审批单.txt");

        var uploaded = await blob.UploadAsync(
            BinaryData.FromString(text),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain; charset=utf-8" },
                Metadata = new Dictionary<string, string> { ["county"] = "huayuan", ["caseId"] = "HY-2024-0007" },
            });
        var downloaded = await blob.DownloadContentAsync();
        var properties = (await blob.GetPropertiesAsync()).Value;

        Assert.Equal(text, downloaded.Value.Content.ToString());
        Assert.Equal("text/plain; charset=utf-8", downloaded.Value.Details.ContentType);
        Assert.Equal("text/plain; charset=utf-8", properties.ContentType);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), properties.ContentLength);
        Assert.Equal(uploaded.Value.ETag, properties.ETag);
        Assert.Equal("huayuan", properties.Metadata["county"]);
        Assert.Equal("HY-2024-0007", properties.Metadata["caseid"]);
        Assert.Equal(Sha256Hex(Encoding.UTF8.GetBytes(text)), properties.Sha256);
        Assert.Equal(uploaded.Value.Sha256, downloaded.Value.Details.Sha256);
        Assert.EndsWith("/%E8%AF%81%E6%8D%AE/%E5%8D%81%E5%85%AB%E6%B4%9E%E6%9D%91%20%E5%AE%A1%E6%89%B9%E5%8D%95.txt", blob.Uri.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Small_content_is_one_put_blob_with_its_sha256()
    {
        var content = RandomNumberGenerator.GetBytes(100_000);
        var blob = _container.GetBlobClient("single.bin");

        var uploaded = await blob.UploadAsync(new MemoryStream(content));

        Assert.Equal(["Put Blob"], _requests.Writes(blob));
        Assert.Equal(Sha256Hex(content), uploaded.Value.Sha256);
        Assert.Equal(content, await DownloadStreamed(blob));
        Assert.Equal(Sha256Hex(content), (await blob.GetPropertiesAsync()).Value.Sha256);
    }

    [Fact]
    public async Task Nine_MiB_stream_is_sent_in_blocks_and_comes_back_whole_with_its_sha256()
    {
        var content = RandomNumberGenerator.GetBytes(9 * MiB);
        var blob = _container.GetBlobClient("evidence/large.bin");

        // A forward-only stream: the upload may not seek or ask for the length.
        var uploaded = await blob.UploadAsync(
            new ForwardOnlyStream(content),
            new BlobUploadOptions { TransferOptions = new StorageTransferOptions { InitialTransferSize = 4 * MiB, MaximumTransferSize = 4 * MiB } });

        Assert.Equal(["Put Block", "Put Block", "Put Block", "Put Block List"], _requests.Writes(blob));
        Assert.Equal(Sha256Hex(content), uploaded.Value.Sha256);
        Assert.Equal(content, await DownloadStreamed(blob));
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(9 * MiB, properties.ContentLength);
        Assert.Equal(Sha256Hex(content), properties.Sha256);
        Assert.Equal(uploaded.Value.ETag, properties.ETag);
    }

    [Theory]
    [InlineData(0, true, 1)]
    [InlineData(0, false, 1)]
    [InlineData(1000, true, 1)]
    [InlineData(1000, false, 1)]
    [InlineData(1001, true, 4)] // 400 + 400 + 201 bytes, then the block list
    [InlineData(1001, false, 4)]
    [InlineData(2400, true, 7)] // six full blocks, then the block list
    public async Task Content_is_split_at_the_threshold_into_blocks_of_the_transfer_size(int size, bool forwardOnly, int writes)
    {
        var content = RandomNumberGenerator.GetBytes(size);
        var blob = _container.GetBlobClient($"split/{size}-{forwardOnly}.bin");

        var uploaded = await blob.UploadAsync(
            forwardOnly ? new ForwardOnlyStream(content) : new MemoryStream(content),
            new BlobUploadOptions { TransferOptions = new StorageTransferOptions { InitialTransferSize = 1000, MaximumTransferSize = 400 } });

        Assert.Equal(writes, _requests.Writes(blob).Count);
        Assert.Equal(Sha256Hex(content), uploaded.Value.Sha256);
        Assert.Equal(content, (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task Create_only_write_fails_with_409_when_the_blob_exists()
    {
        var blob = _container.GetBlobClient("once.txt");
        var createOnly = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
        await blob.UploadAsync(BinaryData.FromString("first"), createOnly);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("second"), createOnly));

        Assert.Equal(409, error.Status);
        Assert.Equal("BlobAlreadyExists", error.ErrorCode);
        Assert.Equal("first", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Create_only_block_upload_fails_with_409_when_the_blob_exists()
    {
        var blob = _container.GetBlobClient("once-large.bin");
        await blob.UploadAsync(BinaryData.FromString("first"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(
            BinaryData.FromBytes(new byte[3000]),
            new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                TransferOptions = new StorageTransferOptions { InitialTransferSize = 1000, MaximumTransferSize = 1000 },
            }));

        Assert.Equal(409, error.Status);
        Assert.Equal("first", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task If_match_replaces_the_current_version_and_fails_with_412_on_a_stale_etag()
    {
        var blob = _container.GetBlobClient("versioned.json");
        var first = await blob.UploadAsync(BinaryData.FromString("{\"v\":1}"));
        var second = await blob.UploadAsync(
            BinaryData.FromString("{\"v\":2}"),
            new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = first.Value.ETag } });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(
            BinaryData.FromString("{\"v\":3}"),
            new BlobUploadOptions { Conditions = new BlobRequestConditions { IfMatch = first.Value.ETag } }));

        Assert.Equal(412, error.Status);
        Assert.Equal("ConditionNotMet", error.ErrorCode);
        Assert.NotEqual(first.Value.ETag, second.Value.ETag);
        Assert.Equal("{\"v\":2}", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Missing_blob_is_reported_as_404_by_every_read()
    {
        var blob = _container.GetBlobClient("missing.bin");

        var streaming = await Assert.ThrowsAsync<RequestFailedException>(() => blob.DownloadStreamingAsync());
        var content = await Assert.ThrowsAsync<RequestFailedException>(() => blob.DownloadContentAsync());
        var properties = await Assert.ThrowsAsync<RequestFailedException>(() => blob.GetPropertiesAsync());

        Assert.All([streaming, content, properties], e => Assert.Equal(404, e.Status));
        Assert.Equal("BlobNotFound", streaming.ErrorCode);
        Assert.False((await blob.ExistsAsync()).Value);
    }

    [Fact]
    public async Task Delete_removes_the_blob_and_delete_if_exists_reports_whether_there_was_one()
    {
        var blob = _container.GetBlobClient("temporary.txt");
        await blob.UploadAsync(BinaryData.FromString("x"));
        Assert.True((await blob.ExistsAsync()).Value);

        await blob.DeleteAsync();

        Assert.False((await blob.ExistsAsync()).Value);
        Assert.False((await blob.DeleteIfExistsAsync()).Value);
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => blob.DeleteAsync())).Status);
        await blob.UploadAsync(BinaryData.FromString("y"));
        Assert.True((await blob.DeleteIfExistsAsync()).Value);
    }

    [Fact]
    public async Task Listing_by_prefix_follows_the_continuation_marker_across_pages()
    {
        var names = Enumerable.Range(0, 5).Select(i => $"case-7/photo-{i}.jpg").ToList();
        foreach (var name in names.Append("case-70/other.jpg").Append("case-8/photo.jpg"))
        {
            await _container.GetBlobClient(name).UploadAsync(BinaryData.FromString(name));
        }

        var pages = new List<Page<BlobItem>>();
        await foreach (var page in _container.GetBlobsAsync(prefix: "case-7/").AsPages(pageSizeHint: 2))
        {
            pages.Add(page);
        }

        var all = new List<BlobItem>();
        await foreach (var item in _container.GetBlobsAsync(prefix: "case-7/"))
        {
            all.Add(item);
        }

        Assert.Equal([2, 2, 1], pages.Select(p => p.Values.Count));
        Assert.Equal(names, pages.SelectMany(p => p.Values).Select(b => b.Name));
        Assert.Equal(names, all.Select(b => b.Name));
        var first = all[0];
        var properties = (await _container.GetBlobClient(first.Name).GetPropertiesAsync()).Value;
        Assert.Equal(properties.ETag, first.Properties.ETag);
        Assert.Equal(Encoding.UTF8.GetByteCount(first.Name), first.Properties.ContentLength);
        Assert.Equal(Sha256Hex(Encoding.UTF8.GetBytes(first.Name)), first.Metadata["sha256"]);
    }

    [Fact]
    public async Task Listing_a_prefix_in_chinese_finds_only_its_blobs()
    {
        await _container.GetBlobClient("花垣县/a.txt").UploadAsync(BinaryData.FromString("a"));
        await _container.GetBlobClient("凤凰县/b.txt").UploadAsync(BinaryData.FromString("b"));

        var found = new List<string>();
        await foreach (var item in _container.GetBlobsAsync(prefix: "花垣县/"))
        {
            found.Add(item.Name);
        }

        Assert.Equal(["花垣县/a.txt"], found);
    }

    [Fact]
    public async Task Container_is_created_once_and_private()
    {
        var again = await _container.CreateIfNotExistsAsync();
        var blob = _container.GetBlobClient("private.txt");
        await blob.UploadAsync(BinaryData.FromString("not for everyone"));

        using var http = new HttpClient();
        using var anonymous = await http.GetAsync(blob.Uri);

        Assert.Null(again);
        Assert.False(anonymous.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Read_sas_link_reads_the_blob_with_a_plain_http_client_but_cannot_write()
    {
        const string text = "扶贫项目验收照片说明";
        var blob = _container.GetBlobClient("证据/sas.txt");
        await blob.UploadAsync(
            BinaryData.FromString(text),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain; charset=utf-8" } });

        var link = blob.GenerateReadSasUri(TimeSpan.FromMinutes(5));
        using var http = new HttpClient();
        var read = await http.GetStringAsync(link);
        using var put = new HttpRequestMessage(HttpMethod.Put, link) { Content = new StringContent("overwritten") };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var write = await http.SendAsync(put);
        using var delete = await http.DeleteAsync(link);

        Assert.Equal(text, read);
        Assert.Equal(403, (int)write.StatusCode);
        Assert.Equal(403, (int)delete.StatusCode);
        Assert.Equal(text, (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Expired_read_sas_link_is_refused()
    {
        var blob = _container.GetBlobClient("expiring.txt");
        await blob.UploadAsync(BinaryData.FromString("soon gone"));

        var link = blob.GenerateReadSasUri(TimeSpan.FromSeconds(1));
        var expiry = DateTimeOffset.Parse(
            System.Web.HttpUtility.ParseQueryString(link.Query)["se"]!, System.Globalization.CultureInfo.InvariantCulture);
        while (DateTimeOffset.UtcNow <= expiry.AddSeconds(1))
        {
            await Task.Delay(200);
        }

        using var http = new HttpClient();
        using var response = await http.GetAsync(link);

        Assert.Equal(403, (int)response.StatusCode);
    }

    [Fact]
    public async Task Tampered_read_sas_link_is_refused()
    {
        var blob = _container.GetBlobClient("tampered.txt");
        await blob.UploadAsync(BinaryData.FromString("x"));
        var link = blob.GenerateReadSasUri(TimeSpan.FromMinutes(5));

        // Widening the permissions without re-signing must not work.
        var widened = new Uri(link.AbsoluteUri.Replace("sp=r", "sp=rw", StringComparison.Ordinal));
        using var http = new HttpClient();
        using var response = await http.GetAsync(widened);

        Assert.Equal(403, (int)response.StatusCode);
    }

    [Fact]
    public async Task Container_and_blob_clients_made_from_a_uri_and_key_reach_the_same_container()
    {
        var account = azurite.Account;
        var byUri = new BlobContainerClient(_container.Uri, account.Credential);
        await _container.GetBlobClient("shared.txt").UploadAsync(BinaryData.FromString("same"));

        var content = await byUri.GetBlobClient("shared.txt").DownloadContentAsync();
        var byConnectionString = new BlobClient(azurite.ConnectionString, _container.Name, "shared.txt");

        Assert.Equal(_container.Name, byUri.Name);
        Assert.Equal(StorageConnectionString.DevelopmentAccountName, byUri.AccountName);
        Assert.Equal("same", content.Value.Content.ToString());
        Assert.True((await byConnectionString.ExistsAsync()).Value);
    }

    private static async Task<byte[]> DownloadStreamed(BlobClient blob)
    {
        using var download = (await blob.DownloadStreamingAsync()).Value;
        using var copy = new MemoryStream();
        await download.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static string Sha256Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Records which write operation each PUT was, per blob path.</summary>
    private sealed class RequestLog : HttpPipelineSynchronousPolicy
    {
        private readonly List<(string Path, string Write)> _writes = [];

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Put)
            {
                var comp = System.Web.HttpUtility.ParseQueryString(message.Request.Uri.Query)["comp"];
                lock (_writes)
                {
                    _writes.Add((message.Request.Uri.Path, comp switch
                    {
                        null => "Put Blob",
                        "block" => "Put Block",
                        "blocklist" => "Put Block List",
                        _ => comp,
                    }));
                }
            }
        }

        public List<string> Writes(BlobClient blob)
        {
            lock (_writes)
            {
                return _writes.Where(w => w.Path == blob.Uri.AbsolutePath).Select(w => w.Write).ToList();
            }
        }

        public void Clear()
        {
            lock (_writes)
            {
                _writes.Clear();
            }
        }
    }

    /// <summary>A stream that can only be read forward, as a network or pipe stream is; reads return short chunks.</summary>
    private sealed class ForwardOnlyStream(byte[] content) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 65_537), content.Length - _position);
            Array.Copy(content, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
