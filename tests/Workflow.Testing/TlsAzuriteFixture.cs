using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Xunit;

namespace Workflow.Testing;

/// <summary>
/// A real Azurite serving https with a certificate made for it, checking Entra ID bearer tokens (<c>--oauth basic</c>):
/// the account as the app reaches it on Azure with its managed identity. Only clients made here trust the certificate.
/// </summary>
public sealed class TlsAzuriteFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("azurite-tls-").FullName;
    private X509Certificate2? _certificate;
    private AzuriteProcess? _azurite;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

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

    /// <summary>
    /// The SDK's blob service on this Azurite reached with <paramref name="credential"/>'s bearer tokens, as the app reaches
    /// the account on Azure: trusting the certificate, on the REST version the app pins, and not retrying.
    /// </summary>
    public BlobServiceClient BlobService(TokenCredential credential)
    {
        var options = new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06) { Transport = new HttpClientTransport(TrustingHandler()) };
        options.Retry.MaxRetries = 0;
        return new BlobServiceClient(Azurite.BlobEndpoint, credential, options);
    }

    /// <summary>A plain HTTP client, with no credential, that trusts this Azurite's certificate: a browser opening a link.</summary>
    public HttpClient AnonymousClient() => new(TrustingHandler());

    private HttpClientHandler TrustingHandler()
    {
        var thumbprint = (_certificate ?? throw new InvalidOperationException("Azurite has not started.")).Thumbprint;
        return new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint };
    }
}
