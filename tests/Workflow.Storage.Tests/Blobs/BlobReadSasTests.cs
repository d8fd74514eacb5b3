using System.Web;
using Workflow.Storage.Blobs;
using Workflow.Storage.Blobs.Models;
using Xunit;

namespace Workflow.Storage.Tests.Blobs;

public sealed class BlobReadSasTests
{
    private static readonly StorageSharedKeyCredential Key = new("account", Convert.ToBase64String(new byte[32]));

    // A key as Get User Delegation Key returns it; its value is the bytes 0..31.
    private static readonly UserDelegationKey DelegationKey = new()
    {
        SignedObjectId = "6a1e3c4f-0b5d-4e7a-9c2b-8f1d2e3a4b5c",
        SignedTenantId = "ab1f708d-50f6-404c-a006-d71b2ac7a606",
        SignedStartsOn = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
        SignedExpiresOn = new DateTimeOffset(2025, 3, 2, 0, 0, 0, TimeSpan.Zero),
        SignedService = "b",
        SignedVersion = "2025-11-05",
        Value = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    };

    private static readonly Uri AzureBlob = new("https://account.blob.core.windows.net/evidence/%E8%AF%81%E6%8D%AE/a.txt");

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

    [Fact]
    public void User_delegation_string_to_sign_has_the_26_fields_of_versions_from_2025_07_05_in_order()
    {
        var text = BlobReadSas.UserDelegationStringToSign(
            "account", "evidence", "证据/a b.txt", "2025-11-05", "2025-03-01T08:25:15Z", "2025-03-01T08:40:15Z", "https", DelegationKey);

        // permissions, start, expiry, resource, the six key fields, five empty user/correlation fields, signedIP,
        // protocol, version, resource type, then snapshot, encryption scope and the five response headers, all empty.
        Assert.Equal(
            "r\n2025-03-01T08:25:15Z\n2025-03-01T08:40:15Z\n/blob/account/evidence/证据/a b.txt\n" +
            "6a1e3c4f-0b5d-4e7a-9c2b-8f1d2e3a4b5c\nab1f708d-50f6-404c-a006-d71b2ac7a606\n2025-03-01T00:00:00Z\n2025-03-02T00:00:00Z\nb\n2025-11-05\n" +
            "\n\n\n\n\n\nhttps\n2025-11-05\nb\n\n\n\n\n\n\n",
            text);
        Assert.Equal(26, text.Split('\n').Length);
    }

    [Fact]
    public void User_delegation_link_carries_the_key_fields_and_the_signature_of_a_fixed_input()
    {
        var now = new DateTimeOffset(2025, 3, 1, 16, 30, 15, 500, TimeSpan.FromHours(8));

        var link = BlobReadSas.Create(AzureBlob, DelegationKey, "account", "evidence", "证据/a.txt", "2025-11-05", now, TimeSpan.FromMinutes(10));
        var query = HttpUtility.ParseQueryString(link.Query);

        Assert.Equal("/evidence/%E8%AF%81%E6%8D%AE/a.txt", link.AbsolutePath);
        Assert.Equal(("r", "b", "2025-11-05", "https"), (query["sp"], query["sr"], query["sv"], query["spr"]));
        Assert.Equal(("2025-03-01T08:25:15Z", "2025-03-01T08:40:15Z"), (query["st"], query["se"]));
        Assert.Equal(DelegationKey.SignedObjectId, query["skoid"]);
        Assert.Equal(DelegationKey.SignedTenantId, query["sktid"]);
        Assert.Equal(("2025-03-01T00:00:00Z", "2025-03-02T00:00:00Z"), (query["skt"], query["ske"]));
        Assert.Equal(("b", "2025-11-05"), (query["sks"], query["skv"]));
        // HMAC-SHA256 of the 26-line string-to-sign under the key's value, computed outside .NET (Node's crypto).
        Assert.Equal("qLrWbKZ9bO4RA1kr/s8i+jhXbKZwstfdXO0nZS6NJ1k=", query["sig"]);
    }

    [Theory]
    [InlineData(-1, 10)] // before the key starts
    [InlineData(23 * 60 + 55, 10)] // ends after the key
    public void User_delegation_link_must_lie_within_the_keys_lifetime(int minutesAfterKeyStart, int lifetimeMinutes)
    {
        var now = DelegationKey.SignedStartsOn.AddMinutes(minutesAfterKeyStart);

        var error = Assert.Throws<ArgumentException>(() => BlobReadSas.Create(
            AzureBlob, DelegationKey, "account", "evidence", "a.txt", "2025-11-05", now, TimeSpan.FromMinutes(lifetimeMinutes)));

        Assert.Contains("needs a key that covers it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void User_delegation_link_starts_no_earlier_than_its_key()
    {
        var now = DelegationKey.SignedStartsOn.AddMinutes(1);

        var link = BlobReadSas.Create(AzureBlob, DelegationKey, "account", "evidence", "a.txt", "2025-11-05", now, TimeSpan.FromMinutes(10));

        Assert.Equal("2025-03-01T00:00:00Z", HttpUtility.ParseQueryString(link.Query)["st"]);
    }

    [Theory]
    [InlineData("2025-05-05")]
    [InlineData("2026-04-06")]
    public void User_delegation_link_is_refused_for_versions_whose_string_to_sign_differs(string version)
    {
        var now = DelegationKey.SignedStartsOn.AddHours(1);

        Assert.Throws<NotSupportedException>(() => BlobReadSas.Create(
            AzureBlob, DelegationKey, "account", "evidence", "a.txt", version, now, TimeSpan.FromMinutes(10)));
    }
}
