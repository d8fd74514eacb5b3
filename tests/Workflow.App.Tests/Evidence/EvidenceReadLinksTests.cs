using System.Net;
using System.Web;
using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Workflow.App.Evidence;
using Xunit;

namespace Workflow.App.Tests.Evidence;

/// <summary>
/// Which signature an evidence link gets: the account key's (service SAS) locally, a cached user delegation key's on
/// Azure, where the app reaches storage with its managed identity and the account has no usable key.
/// </summary>
public sealed class EvidenceReadLinksTests(TlsAzuriteFixture tls) : IClassFixture<TlsAzuriteFixture>
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task With_the_account_key_a_link_is_a_service_sas_and_no_delegation_key_is_asked_for()
    {
        var service = new CountingKeyService();
        var blob = new BlobClient("UseDevelopmentStorage=true", "evidence", "case/step/a.jpg");

        var link = await new EvidenceReadLinks(service, TimeProvider.System).CreateAsync(blob, Lifetime, default);
        var query = HttpUtility.ParseQueryString(link.Query);

        Assert.NotNull(query["sig"]);
        Assert.Equal("r", query["sp"]);
        Assert.Null(query["skoid"]);
        Assert.Equal(0, service.Requests);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public async Task A_link_lives_more_than_zero_and_at_most_an_hour(int minutes)
    {
        var blob = new BlobClient("UseDevelopmentStorage=true", "evidence", "case/step/a.jpg");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            new EvidenceReadLinks(new CountingKeyService(), TimeProvider.System).CreateAsync(blob, TimeSpan.FromMinutes(minutes), default));
    }

    [Fact]
    public async Task With_a_token_links_are_user_delegation_sas_all_signed_with_one_key()
    {
        var service = new CountingKeyService();
        var links = new EvidenceReadLinks(service, TimeProvider.System);

        var signed = new List<Uri>();
        foreach (var name in new[] { "a.jpg", "b.png", "c.pdf" })
        {
            signed.Add(await links.CreateAsync(TokenBlob(name), Lifetime, default));
        }

        Assert.Equal(1, service.Requests);
        Assert.All(signed, link => Assert.Equal(service.LastKey!.SignedObjectId, HttpUtility.ParseQueryString(link.Query)["skoid"]));
        // A day from now, starting five minutes back for a storage clock behind ours.
        Assert.Equal(EvidenceReadLinks.KeyLifetime + TimeSpan.FromMinutes(5), service.LastKey!.SignedExpiresOn - service.LastKey.SignedStartsOn);
    }

    [Fact]
    public async Task Viewers_arriving_together_share_one_key_request()
    {
        var service = new CountingKeyService { Release = new TaskCompletionSource() };
        var links = new EvidenceReadLinks(service, TimeProvider.System);

        var pending = Enumerable.Range(0, 10).Select(i => links.CreateAsync(TokenBlob($"{i}.jpg"), Lifetime, default)).ToList();
        service.Release.SetResult();
        var signed = await Task.WhenAll(pending);

        Assert.Equal(1, service.Requests);
        Assert.Equal(10, signed.Distinct().Count());
    }

    [Fact]
    public async Task The_key_is_renewed_once_it_no_longer_covers_the_longest_link_with_room_to_spare()
    {
        // The cache reads the app's clock; the links are checked against the real one, so the app's clock starts in the
        // past and reaches now when the first key has an hour left.
        var clock = new SteppedClock(DateTimeOffset.UtcNow - EvidenceReadLinks.KeyLifetime + TimeSpan.FromHours(1));
        var service = new CountingKeyService();
        var links = new EvidenceReadLinks(service, clock);

        var first = await links.CreateAsync(TokenBlob("a.jpg"), Lifetime, default);
        clock.Advance(EvidenceReadLinks.KeyLifetime - TimeSpan.FromHours(2));
        var stillFirst = await links.CreateAsync(TokenBlob("a.jpg"), Lifetime, default);
        var requestsBefore = service.Requests;
        clock.Advance(TimeSpan.FromHours(1));
        var renewed = await links.CreateAsync(TokenBlob("a.jpg"), Lifetime, default);

        Assert.Equal(1, requestsBefore);
        Assert.Equal(2, service.Requests);
        Assert.Equal(HttpUtility.ParseQueryString(first.Query)["ske"], HttpUtility.ParseQueryString(stillFirst.Query)["ske"]);
        Assert.NotEqual(HttpUtility.ParseQueryString(first.Query)["ske"], HttpUtility.ParseQueryString(renewed.Query)["ske"]);
    }

    [Fact]
    public async Task A_refused_key_request_is_not_kept_and_the_next_viewer_asks_again()
    {
        var service = new CountingKeyService { RefuseFirst = true };
        var links = new EvidenceReadLinks(service, TimeProvider.System);

        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => links.CreateAsync(TokenBlob("a.jpg"), Lifetime, default));
        var link = await links.CreateAsync(TokenBlob("a.jpg"), Lifetime, default);

        Assert.Equal(403, refused.Status);
        Assert.Equal(2, service.Requests);
        Assert.NotNull(HttpUtility.ParseQueryString(link.Query)["skoid"]);
    }

    [Fact]
    public async Task On_storage_reached_with_a_token_the_link_opens_the_evidence_for_a_browser_without_credentials_and_cannot_write()
    {
        var identity = new UnsignedEntraToken();
        var service = tls.BlobService(identity);
        var container = service.GetBlobContainerClient(AzuriteFixture.UniqueName("evidence"));
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("case-1/appraisal/评议会照片.png");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        await blob.UploadAsync(BinaryData.FromBytes(png));

        var link = await new EvidenceReadLinks(service, TimeProvider.System).CreateAsync(blob, Lifetime, default);
        using var browser = tls.AnonymousClient();
        using var response = await browser.GetAsync(link);
        using var put = new HttpRequestMessage(HttpMethod.Put, link) { Content = new ByteArrayContent([1]) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var write = await browser.SendAsync(put);

        Assert.Equal(identity.ObjectId.ToString(), HttpUtility.ParseQueryString(link.Query)["skoid"]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(png, (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    // A client as the app has it on Azure: an https account reached with a token (never asked for here).
    private static BlobClient TokenBlob(string name) =>
        new BlobContainerClient(new Uri("https://stworkflowsample.blob.core.windows.net/evidence"), new UnusedToken()).GetBlobClient(name);

    /// <summary>Issues keys for the times asked, as the service does, and counts the requests.</summary>
    private sealed class CountingKeyService : BlobServiceClient
    {
        private int _requests;

        public int Requests => _requests;

        public UserDelegationKey? LastKey { get; private set; }

        public TaskCompletionSource? Release { get; init; }

        public bool RefuseFirst { get; init; }

        public override async Task<Response<UserDelegationKey>> GetUserDelegationKeyAsync(
            BlobGetUserDelegationKeyOptions options, CancellationToken cancellationToken = default)
        {
            var request = Interlocked.Increment(ref _requests);
            if (Release is not null)
            {
                await Release.Task;
            }

            if (RefuseFirst && request == 1)
            {
                throw new RequestFailedException(403, "This request is not authorized to perform this operation.", "AuthorizationPermissionMismatch", null);
            }

            // Positional: the factory's older overload has the same parameter names in another order.
            LastKey = BlobsModelFactory.UserDelegationKey(
                Guid.NewGuid().ToString(), // signedObjectId
                Guid.NewGuid().ToString(), // signedTenantId
                options.StartsOn ?? DateTimeOffset.UtcNow,
                options.ExpiresOn,
                "b", // signedService
                "2025-11-05", // signedVersion
                Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
            // The code under test reads only the value; there is no HTTP response behind this fake.
            return Response.FromValue(LastKey, null!);
        }
    }

    private sealed class UnusedToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Signing a link sends no request.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Signing a link sends no request.");
    }
}
