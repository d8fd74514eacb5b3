using System.Net;
using System.Xml.Linq;
using Azure.Core.Pipeline;
using Workflow.Storage.Blobs;
using Xunit;

namespace Workflow.Storage.Tests.Blobs;

/// <summary>
/// Get User Delegation Key against an Azure-style endpoint (https://account.blob.core.windows.net), where the account
/// is the host, not the first path segment as on Azurite: the request as sent, and the documented response as read.
/// </summary>
public sealed class BlobServiceClientTests
{
    [Fact]
    public async Task The_key_request_goes_to_the_service_root_and_the_response_becomes_the_key()
    {
        var wire = new RecordingHandler("""
            <?xml version="1.0" encoding="utf-8"?>
            <UserDelegationKey>
              <SignedOid>6a1e3c4f-0b5d-4e7a-9c2b-8f1d2e3a4b5c</SignedOid>
              <SignedTid>ab1f708d-50f6-404c-a006-d71b2ac7a606</SignedTid>
              <SignedStart>2025-03-01T00:00:00Z</SignedStart>
              <SignedExpiry>2025-03-02T00:00:00Z</SignedExpiry>
              <SignedService>b</SignedService>
              <SignedVersion>2025-11-05</SignedVersion>
              <Value>AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=</Value>
            </UserDelegationKey>
            """);
        var options = new StorageClientOptions { Transport = new HttpClientTransport(wire) };
        options.Retry.MaxRetries = 0;
        var service = new BlobServiceClient(new Uri("https://account.blob.core.windows.net"), new UnsignedEntraToken(), options);
        var startsOn = DateTimeOffset.UtcNow.AddMinutes(-5);
        var expiresOn = startsOn.AddDays(1);

        var key = (await service.GetUserDelegationKeyAsync(startsOn, expiresOn)).Value;
        var body = XElement.Parse(wire.Body!);

        Assert.Equal(HttpMethod.Post, wire.Method);
        Assert.Equal("https://account.blob.core.windows.net/?restype=service&comp=userdelegationkey", wire.Uri!.AbsoluteUri);
        Assert.StartsWith("Bearer ", wire.Authorization, StringComparison.Ordinal);
        Assert.Equal("KeyInfo", body.Name.LocalName);
        Assert.Equal(BlobReadSas.FormatTime(startsOn), body.Element("Start")?.Value);
        Assert.Equal(BlobReadSas.FormatTime(expiresOn), body.Element("Expiry")?.Value);
        Assert.Equal("6a1e3c4f-0b5d-4e7a-9c2b-8f1d2e3a4b5c", key.SignedObjectId);
        Assert.Equal("ab1f708d-50f6-404c-a006-d71b2ac7a606", key.SignedTenantId);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), key.SignedStartsOn);
        Assert.Equal(new DateTimeOffset(2025, 3, 2, 0, 0, 0, TimeSpan.Zero), key.SignedExpiresOn);
        Assert.Equal(("b", "2025-11-05"), (key.SignedService, key.SignedVersion));
        Assert.Equal("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", key.Value);
    }

    /// <summary>Answers every request with the given XML and keeps what was sent.</summary>
    private sealed class RecordingHandler(string answer) : HttpMessageHandler
    {
        public HttpMethod? Method { get; private set; }

        public Uri? Uri { get; private set; }

        public string? Authorization { get; private set; }

        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Method = request.Method;
            Uri = request.RequestUri;
            Authorization = request.Headers.Authorization?.ToString();
            Body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer, System.Text.Encoding.UTF8, "application/xml") };
        }
    }
}
