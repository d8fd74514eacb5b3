using System.Web;
using Workflow.Storage.Blobs;
using Xunit;

namespace Workflow.Storage.Tests.Blobs;

public sealed class BlobReadSasTests
{
    private static readonly StorageSharedKeyCredential Key = new("account", Convert.ToBase64String(new byte[32]));

    [Fact]
    public void String_to_sign_has_the_sixteen_service_sas_fields_in_order()
    {
        var text = BlobReadSas.StringToSign(
            "account", "evidence", "证据/a b.txt", "2025-11-05", "2025-01-01T00:00:00Z", "2025-01-01T01:00:00Z", "https");

        Assert.Equal(
            "r\n2025-01-01T00:00:00Z\n2025-01-01T01:00:00Z\n/blob/account/evidence/证据/a b.txt\n\n\nhttps\n2025-11-05\nb\n\n\n\n\n\n\n",
            text);
    }

    [Fact]
    public void Link_grants_read_on_one_blob_for_the_lifetime_and_over_https_only()
    {
        var now = new DateTimeOffset(2025, 3, 1, 8, 30, 15, 500, TimeSpan.FromHours(8));

        var link = BlobReadSas.Create(
            new Uri("https://account.blob.core.windows.net/evidence/%E8%AF%81%E6%8D%AE/a.txt"), Key, "evidence", "证据/a.txt", "2025-11-05",
            now, TimeSpan.FromMinutes(15));
        var query = HttpUtility.ParseQueryString(link.Query);

        Assert.Equal("/evidence/%E8%AF%81%E6%8D%AE/a.txt", link.AbsolutePath);
        Assert.Equal("r", query["sp"]);
        Assert.Equal("b", query["sr"]);
        Assert.Equal("2025-11-05", query["sv"]);
        Assert.Equal("https", query["spr"]);
        Assert.Equal("2025-03-01T00:25:15Z", query["st"]);
        Assert.Equal("2025-03-01T00:45:15Z", query["se"]);
        Assert.Equal(
            Key.Sign(BlobReadSas.StringToSign("account", "evidence", "证据/a.txt", "2025-11-05", query["st"]!, query["se"]!, "https")),
            query["sig"]);
    }

    [Fact]
    public void Link_for_an_http_endpoint_leaves_the_protocol_open()
    {
        var link = BlobReadSas.Create(
            new Uri("http://127.0.0.1:10000/account/evidence/a.txt"), Key, "evidence", "a.txt", "2025-11-05",
            DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

        Assert.Null(HttpUtility.ParseQueryString(link.Query)["spr"]);
    }
}
