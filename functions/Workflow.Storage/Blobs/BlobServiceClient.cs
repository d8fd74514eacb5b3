using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Workflow.Storage.Blobs.Models;

namespace Workflow.Storage.Blobs;

/// <summary>
/// The Blob Storage service of one account, shaped like Azure.Storage.Blobs' <c>BlobServiceClient</c>: containers,
/// and the user delegation keys that sign SAS links when the account is reached with an Entra ID token.
/// </summary>
public class BlobServiceClient
{
    /// <summary>The longest a user delegation key may live, counted from now.</summary>
    public static readonly TimeSpan MaxUserDelegationKeyLifetime = TimeSpan.FromDays(7);

    private readonly StoragePipeline _pipeline = null!;

    /// <exception cref="FormatException">The connection string is malformed.</exception>
    public BlobServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(Pipeline(StorageConnectionString.Parse(connectionString), options))
    {
    }

    /// <param name="serviceUri">e.g. <c>https://account.blob.core.windows.net</c>, or Azurite's <c>http://127.0.0.1:10000/devstoreaccount1</c>.</param>
    public BlobServiceClient(Uri serviceUri, StorageSharedKeyCredential credential, StorageClientOptions? options = null)
        : this(new StoragePipeline(StorageService.Blob, StorageResourceUri.Endpoint(serviceUri, nameof(serviceUri)), credential, options))
    {
    }

    /// <summary>Entra ID (e.g. managed identity) on Azure: SAS links are then signed with a user delegation key.</summary>
    public BlobServiceClient(Uri serviceUri, TokenCredential credential, StorageClientOptions? options = null)
        : this(new StoragePipeline(StorageService.Blob, StorageResourceUri.Endpoint(serviceUri, nameof(serviceUri)), credential, options))
    {
    }

    internal BlobServiceClient(StoragePipeline pipeline)
    {
        _pipeline = pipeline;
    }

    /// <summary>For mocking.</summary>
    protected BlobServiceClient()
    {
    }

    public virtual string AccountName => _pipeline.AccountName;

    public virtual Uri Uri => _pipeline.Endpoint;

    /// <exception cref="ArgumentException">The container name breaks the naming rules.</exception>
    public virtual BlobContainerClient GetBlobContainerClient(string blobContainerName) => new(_pipeline, blobContainerName);

    /// <summary>
    /// Asks Blob Storage for a key that signs user delegation SAS links from <paramref name="startsOn"/> (now when null)
    /// until <paramref name="expiresOn"/>, at most <see cref="MaxUserDelegationKeyLifetime"/> from now. The key is
    /// issued to the client's Entra ID principal, and a link signed with it grants no more than that principal's roles.
    /// </summary>
    /// <exception cref="InvalidOperationException">The client signs with an account key: the service issues keys only to Entra ID principals.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The key would end before it starts, or more than 7 days from now.</exception>
    /// <exception cref="RequestFailedException">403 when the principal may not ask for keys (e.g. without a Storage Blob Data role).</exception>
    public virtual async Task<Response<UserDelegationKey>> GetUserDelegationKeyAsync(
        DateTimeOffset? startsOn, DateTimeOffset expiresOn, CancellationToken cancellationToken = default)
    {
        if (_pipeline.SharedKey is not null)
        {
            throw new InvalidOperationException(
                "A user delegation key is issued only to an Entra ID principal: build the client with a TokenCredential. " +
                "With the account key, sign service SAS links instead (BlobClient.GenerateReadSasUri).");
        }

        var now = DateTimeOffset.UtcNow;
        if (expiresOn <= (startsOn ?? now))
        {
            throw new ArgumentOutOfRangeException(nameof(expiresOn), expiresOn, "A user delegation key must expire after it starts.");
        }

        if (expiresOn > now + MaxUserDelegationKeyLifetime)
        {
            throw new ArgumentOutOfRangeException(
                nameof(expiresOn), expiresOn, $"A user delegation key expires at most {MaxUserDelegationKeyLifetime.TotalDays} days from now.");
        }

        // The service's own path ("/" on Azure, "/devstoreaccount1/" on Azurite), not a container's.
        using var message = _pipeline.CreateMessage(RequestMethod.Post, string.Empty);
        if (!message.Request.Uri.Path.EndsWith('/'))
        {
            message.Request.Uri.AppendPath("/", escape: false);
        }

        message.Request.Uri.AppendQuery("restype", "service");
        message.Request.Uri.AppendQuery("comp", "userdelegationkey");
        message.Request.Headers.SetValue("Content-Type", "application/xml");
        // Azure takes a KeyInfo without Start as "from now"; Azurite refuses one, so "now" is sent as a time.
        var keyInfo = new XElement(
            "KeyInfo",
            new XElement("Start", BlobReadSas.FormatTime(startsOn ?? now)),
            new XElement("Expiry", BlobReadSas.FormatTime(expiresOn)));
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(keyInfo.ToString(SaveOptions.DisableFormatting)));

        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var key = XDocument.Load(response.Content.ToStream()).Root!;
        string Field(string name) => key.Element(name)?.Value
            ?? throw new FormatException($"The user delegation key in the response has no {name}.");
        DateTimeOffset Time(string name) =>
            DateTimeOffset.Parse(Field(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        return Response.FromValue(
            new UserDelegationKey
            {
                SignedObjectId = Field("SignedOid"),
                SignedTenantId = Field("SignedTid"),
                SignedStartsOn = Time("SignedStart"),
                SignedExpiresOn = Time("SignedExpiry"),
                SignedService = Field("SignedService"),
                SignedVersion = Field("SignedVersion"),
                Value = Field("Value"),
            },
            response);
    }

    private static StoragePipeline Pipeline(StorageConnectionString account, StorageClientOptions? options) =>
        new(StorageService.Blob, account.BlobEndpoint, account.Credential, options);
}
