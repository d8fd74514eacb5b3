using System.Globalization;
using System.Net;
using System.Web;
using Workflow.Storage.Blobs;
using Workflow.Storage.Blobs.Models;
using Xunit;

namespace Workflow.Storage.Tests.Blobs;

/// <summary>
/// Read links for a client that has no account key, only an Entra ID token (the app's managed identity on Azure):
/// a user delegation key from Blob Storage signs them. Against an Azurite that serves https and checks tokens, and
/// that issues and verifies user delegation keys as the service does.
/// </summary>
public sealed class UserDelegationSasTests(TlsAzuriteFixture tls) : IClassFixture<TlsAzuriteFixture>
{
    private readonly UnsignedEntraToken _identity = new();

    [Fact]
    public async Task A_key_issued_to_the_token_principal_signs_a_link_anyone_can_read_through_but_not_write()
    {
        const string text = "扶贫项目验收照片说明";
        var (service, blob) = await BlobAsync("证据/验收 照片.txt", text);
        var expiresOn = DateTimeOffset.UtcNow.AddDays(1);

        var key = (await service.GetUserDelegationKeyAsync(DateTimeOffset.UtcNow.AddMinutes(-5), expiresOn)).Value;
        var link = blob.GenerateUserDelegationReadSasUri(key, TimeSpan.FromMinutes(5));
        using var browser = tls.AnonymousClient();
        using var read = await browser.GetAsync(link);
        using var put = new HttpRequestMessage(HttpMethod.Put, link) { Content = new StringContent("overwritten") };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var write = await browser.SendAsync(put);
        using var delete = await browser.DeleteAsync(link);
        using var bare = await browser.GetAsync(blob.Uri);

        Assert.Equal(_identity.ObjectId.ToString(), key.SignedObjectId);
        Assert.Equal(_identity.TenantId.ToString(), key.SignedTenantId);
        Assert.Equal("b", key.SignedService);
        Assert.Equal(BlobReadSas.FormatTime(expiresOn), BlobReadSas.FormatTime(key.SignedExpiresOn));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(text, await read.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, bare.StatusCode);
        Assert.Equal(text, (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task A_link_with_a_tampered_signature_or_widened_permissions_or_another_principal_is_refused()
    {
        var (service, blob) = await BlobAsync("tampered.txt", "x");
        var key = (await service.GetUserDelegationKeyAsync(null, DateTimeOffset.UtcNow.AddDays(1))).Value;
        var link = blob.GenerateUserDelegationReadSasUri(key, TimeSpan.FromMinutes(5));
        var query = HttpUtility.ParseQueryString(link.Query);
        var signature = query["sig"]!;
        var otherSignature = (signature[0] == 'A' ? "B" : "A") + signature[1..];

        using var browser = tls.AnonymousClient();
        using var genuine = await browser.GetAsync(link);
        using var tampered = await browser.GetAsync(WithQuery(link, "sig", otherSignature));
        using var widened = await browser.GetAsync(WithQuery(link, "sp", "rwd"));
        using var someoneElse = await browser.GetAsync(WithQuery(link, "skoid", Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, widened.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, someoneElse.StatusCode);
    }

    [Fact]
    public async Task An_expired_link_is_refused()
    {
        var (service, blob) = await BlobAsync("expiring.txt", "soon gone");
        var key = (await service.GetUserDelegationKeyAsync(null, DateTimeOffset.UtcNow.AddHours(1))).Value;

        var link = blob.GenerateUserDelegationReadSasUri(key, TimeSpan.FromSeconds(1));
        var expiry = DateTimeOffset.Parse(HttpUtility.ParseQueryString(link.Query)["se"]!, CultureInfo.InvariantCulture);
        while (DateTimeOffset.UtcNow <= expiry.AddSeconds(1))
        {
            await Task.Delay(200);
        }

        using var browser = tls.AnonymousClient();
        using var response = await browser.GetAsync(link);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_link_outside_its_keys_lifetime_is_not_made()
    {
        var (service, blob) = await BlobAsync("short-key.txt", "x");
        var key = (await service.GetUserDelegationKeyAsync(null, DateTimeOffset.UtcNow.AddMinutes(2))).Value;

        Assert.Throws<ArgumentException>(() => blob.GenerateUserDelegationReadSasUri(key, TimeSpan.FromMinutes(10)));
    }

    private async Task<(BlobServiceClient Service, BlobClient Blob)> BlobAsync(string name, string content)
    {
        var options = tls.TrustingOptions();
        var service = new BlobServiceClient(tls.Azurite.BlobEndpoint, _identity, options);
        var container = service.GetBlobContainerClient(AzuriteFixture.UniqueName("udsas"));
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromString(content), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain; charset=utf-8" } });
        return (service, blob);
    }

    private static Uri WithQuery(Uri link, string name, string value)
    {
        var query = HttpUtility.ParseQueryString(link.Query);
        query[name] = value;
        return new UriBuilder(link) { Query = query.ToString() }.Uri;
    }
}
