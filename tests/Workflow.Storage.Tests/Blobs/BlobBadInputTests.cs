using Azure.Core;
using Workflow.Storage.Blobs;
using Workflow.Storage.Blobs.Models;
using Xunit;

namespace Workflow.Storage.Tests.Blobs;

/// <summary>
/// Each rule fails with an ArgumentException before any request: the clients point at a closed port with no
/// retries, so a request that was sent would surface as a RequestFailedException instead.
/// </summary>
public sealed class BlobBadInputTests
{
    private static readonly string Offline = StorageConnectionString.ForAzurite(1, 1, 1);

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("Evidence")]
    [InlineData("evi--dence")]
    [InlineData("-evidence")]
    [InlineData("evidence-")]
    [InlineData("evi_dence")]
    [InlineData("证据")]
    [InlineData("a123456789b123456789c123456789d123456789e123456789f123456789xyzw")]
    public void Invalid_container_names_are_refused(string name)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new BlobContainerClient(Offline, name, Options()));

        Assert.Contains("container name", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("folder/")]
    [InlineData("name.")]
    [InlineData("a//b")]
    [InlineData("a/../b")]
    [InlineData("con\u0001trol")]
    public void Invalid_blob_names_are_refused(string name)
    {
        var container = new BlobContainerClient(Offline, "evidence", Options());

        var error = Assert.ThrowsAny<ArgumentException>(() => container.GetBlobClient(name));

        Assert.Contains("blob name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blob_name_over_1024_characters_is_refused()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new BlobClient(Offline, "evidence", new string('a', 1025), Options()));

        Assert.Contains("1-1024 characters", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("county", "花垣县", "printable ASCII")]
    [InlineData("county", " padded", "printable ASCII")]
    [InlineData("county", "line\nbreak", "printable ASCII")]
    [InlineData("1county", "x", "C# identifier")]
    [InlineData("case-id", "x", "C# identifier")]
    [InlineData("县", "x", "C# identifier")]
    [InlineData("SHA256", "0000", "reserved")]
    public async Task Invalid_metadata_is_refused(string name, string value, string rule)
    {
        var blob = new BlobClient(Offline, "evidence", "photo.jpg", Options());

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => blob.UploadAsync(
            BinaryData.FromString("x"), new BlobUploadOptions { Metadata = new Dictionary<string, string> { [name] = value } }));

        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_names_differing_only_in_case_are_refused()
    {
        var blob = new BlobClient(Offline, "evidence", "photo.jpg", Options());
        var metadata = new Dictionary<string, string> { ["County"] = "a", ["county"] = "b" };

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => blob.UploadAsync(BinaryData.FromString("x"), new BlobUploadOptions { Metadata = metadata }));

        Assert.Contains("case-insensitive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_over_8_KiB_is_refused()
    {
        var blob = new BlobClient(Offline, "evidence", "photo.jpg", Options());
        var metadata = new Dictionary<string, string> { ["a"] = new('x', 5000), ["b"] = new('y', 5000) };

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => blob.UploadAsync(BinaryData.FromString("x"), new BlobUploadOptions { Metadata = metadata }));

        Assert.Contains("8 KiB", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L, null)]
    [InlineData(null, 0L)]
    [InlineData(300L * 1024 * 1024, null)]
    [InlineData(null, 300L * 1024 * 1024)]
    public async Task Transfer_sizes_outside_1_byte_to_256_MiB_are_refused(long? initial, long? maximum)
    {
        var blob = new BlobClient(Offline, "evidence", "photo.jpg", Options());
        var options = new BlobUploadOptions { TransferOptions = new StorageTransferOptions { InitialTransferSize = initial, MaximumTransferSize = maximum } };

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => blob.UploadAsync(BinaryData.FromString("x"), options));

        Assert.Contains("256 MiB", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    [InlineData(3601)]
    [InlineData(86400)]
    public void Sas_lifetime_must_be_positive_and_at_most_an_hour(int seconds)
    {
        var blob = new BlobClient(Offline, "evidence", "photo.jpg", Options());

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => blob.GenerateReadSasUri(TimeSpan.FromSeconds(seconds)));

        Assert.Contains("at most 60 minutes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_sas_needs_an_account_key()
    {
        var container = new BlobContainerClient(new Uri("https://account.blob.core.windows.net/evidence"), new NoToken(), Options());
        var blob = container.GetBlobClient("photo.jpg");

        var error = Assert.Throws<InvalidOperationException>(() => blob.GenerateReadSasUri(TimeSpan.FromMinutes(5)));

        Assert.False(blob.CanGenerateSasUri);
        Assert.Contains("GenerateUserDelegationReadSasUri", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3601)]
    public void User_delegation_sas_lifetime_must_be_positive_and_at_most_an_hour(int seconds)
    {
        var blob = new BlobContainerClient(new Uri("https://account.blob.core.windows.net/evidence"), new NoToken(), Options()).GetBlobClient("photo.jpg");
        var key = new UserDelegationKey
        {
            SignedObjectId = Guid.NewGuid().ToString(),
            SignedTenantId = Guid.NewGuid().ToString(),
            SignedStartsOn = DateTimeOffset.UtcNow.AddHours(-1),
            SignedExpiresOn = DateTimeOffset.UtcNow.AddDays(1),
            SignedService = "b",
            SignedVersion = "2025-11-05",
            Value = Convert.ToBase64String(new byte[32]),
        };

        Assert.Throws<ArgumentOutOfRangeException>(() => blob.GenerateUserDelegationReadSasUri(key, TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public async Task A_user_delegation_key_is_not_asked_for_with_an_account_key()
    {
        var service = new BlobServiceClient(Offline, Options());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => service.GetUserDelegationKeyAsync(null, DateTimeOffset.UtcNow.AddDays(1)));

        Assert.Contains("Entra ID principal", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, -1)] // ends before it starts
    [InlineData(0, 0)] // ends as it starts
    [InlineData(0, 7 * 24 + 1)] // beyond 7 days
    public async Task A_user_delegation_key_lives_after_its_start_and_at_most_7_days(int startHours, int expiryHours)
    {
        var service = new BlobServiceClient(new Uri("https://account.blob.core.windows.net"), new NoToken(), Options());
        var now = DateTimeOffset.UtcNow;

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => service.GetUserDelegationKeyAsync(now.AddHours(startHours), now.AddHours(expiryHours)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5001)]
    public async Task Listing_page_size_must_be_1_to_5000(int pageSize)
    {
        var container = new BlobContainerClient(Offline, "evidence", Options());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
        {
            await foreach (var page in container.GetBlobsAsync().AsPages(pageSizeHint: pageSize))
            {
                Assert.Fail($"A page was returned: {page}");
            }
        });
    }

    [Fact]
    public void A_container_url_with_a_query_string_is_refused()
    {
        var key = new StorageSharedKeyCredential("account", Convert.ToBase64String(new byte[32]));

        var error = Assert.Throws<ArgumentException>(() => new BlobContainerClient(new Uri("https://account.blob.core.windows.net/evidence?sv=x&sig=y"), key));

        Assert.Contains("query string", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://account.blob.core.windows.net/evidence", "account", "evidence")]
    [InlineData("https://account.blob.core.windows.net/evidence/", "account", "evidence")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/evidence", "devstoreaccount1", "evidence")]
    public void Container_url_gives_account_and_container_in_either_url_style(string url, string account, string container)
    {
        var key = new StorageSharedKeyCredential(account, Convert.ToBase64String(new byte[32]));

        var client = new BlobContainerClient(new Uri(url), key);

        Assert.Equal(account, client.AccountName);
        Assert.Equal(container, client.Name);
        Assert.Equal(new Uri(url.TrimEnd('/')), client.Uri);
    }

    private static StorageClientOptions Options()
    {
        var options = new StorageClientOptions();
        options.Retry.MaxRetries = 0;
        return options;
    }

    private sealed class NoToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No token in this test.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No token in this test.");
    }
}
