using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Workflow.Storage.Blobs;
using Workflow.Storage.Queues;
using Workflow.Storage.Tables;
using Xunit;

namespace Workflow.Storage.Tests.Core;

/// <summary>
/// The managed-identity path: a TokenCredential's bearer token instead of the account key, against an
/// Azurite that serves https and checks tokens (lifetime, issuer, audience).
/// </summary>
public sealed class TokenCredentialTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("azurite-tls-").FullName;
    private X509Certificate2? _certificate;
    private AzuriteProcess? _azurite;

    public async Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePem = Path.Combine(_folder, "cert.pem");
        var keyPem = Path.Combine(_folder, "key.pem");
        await File.WriteAllTextAsync(certificatePem, _certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPem, key.ExportPkcs8PrivateKeyPem());
        _azurite = await AzuriteProcess.StartAsync((certificatePem, keyPem));
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        _certificate?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Tables_queues_and_blobs_work_with_a_bearer_token()
    {
        var credential = new UnsignedEntraToken(TimeSpan.FromHours(1));
        var options = TrustingOurCertificate();
        var table = new TableClient(_azurite!.TableEndpoint, "tokens", credential, options);
        var queue = new QueueClient(new Uri($"{_azurite.QueueEndpoint}/tokens"), credential, options);
        var container = new BlobContainerClient(new Uri($"{_azurite.BlobEndpoint}/tokens"), credential, options);

        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("镇", "户") { ["状态"] = "未脱贫" });
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("待审核");
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("表.txt").UploadAsync(BinaryData.FromString("佐证"));

        Assert.Equal("未脱贫", (await table.GetEntityAsync("镇", "户")).Value.GetString("状态"));
        Assert.Equal("待审核", Assert.Single((await queue.ReceiveMessagesAsync()).Value).MessageText);
        Assert.Equal("佐证", (await container.GetBlobClient("表.txt").DownloadContentAsync()).Value.Content.ToString());
        Assert.True(credential.Requests > 0);
        Assert.False(container.CanGenerateSasUri);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var table = new TableClient(_azurite!.TableEndpoint, "expired", new UnsignedEntraToken(TimeSpan.FromHours(-1)), TrustingOurCertificate());

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.CreateIfNotExistsAsync());

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthenticationFailed", error.ErrorCode);
    }

    private StorageClientOptions TrustingOurCertificate()
    {
        var thumbprint = _certificate!.Thumbprint;
        var options = new StorageClientOptions
        {
            Transport = new HttpClientTransport(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
            }),
        };
        options.Retry.MaxRetries = 0;
        return options;
    }

    /// <summary>A token shaped like Entra ID's for Azure Storage; Azurite does not check signatures.</summary>
    private sealed class UnsignedEntraToken(TimeSpan lifetime) : TokenCredential
    {
        private int _requests;

        public int Requests => _requests;

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            Assert.Contains("https://storage.azure.com/.default", requestContext.Scopes);
            var expires = DateTimeOffset.UtcNow + lifetime;
            var claims = new
            {
                aud = "https://storage.azure.com",
                iss = "https://sts.windows.net/ab1f708d-50f6-404c-a006-d71b2ac7a606/",
                iat = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds(),
                nbf = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds(),
                exp = expires.ToUnixTimeSeconds(),
                oid = Guid.NewGuid(),
            };
            var token = $"{Base64Url(new { alg = "none", typ = "JWT" })}.{Base64Url(claims)}.";
            return new AccessToken(token, expires > DateTimeOffset.UtcNow ? expires : DateTimeOffset.UtcNow.AddMinutes(10));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));

        private static string Base64Url(object value) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
