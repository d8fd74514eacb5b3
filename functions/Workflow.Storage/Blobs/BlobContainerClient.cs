using System.Globalization;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Workflow.Storage.Blobs.Models;

namespace Workflow.Storage.Blobs;

/// <summary>
/// One blob container, shaped like Azure.Storage.Blobs' <c>BlobContainerClient</c> so that package can replace it.
/// The name is checked when the client is made, before any request.
/// </summary>
public class BlobContainerClient
{
    private const int MaximumPageSize = 5000;

    private readonly StoragePipeline _pipeline = null!;

    /// <exception cref="FormatException">The connection string is malformed.</exception>
    /// <exception cref="ArgumentException">The container name breaks the naming rules.</exception>
    public BlobContainerClient(string connectionString, string blobContainerName, StorageClientOptions? options = null)
        : this(Pipeline(StorageConnectionString.Parse(connectionString), options), blobContainerName)
    {
    }

    /// <param name="blobContainerUri">e.g. <c>https://account.blob.core.windows.net/evidence</c>.</param>
    public BlobContainerClient(Uri blobContainerUri, StorageSharedKeyCredential credential, StorageClientOptions? options = null)
        : this(StorageResourceUri.Split(blobContainerUri, nameof(blobContainerUri)), credential, options)
    {
    }

    /// <summary>Entra ID (e.g. managed identity) on Azure; such a client's read links are user delegation SAS.</summary>
    public BlobContainerClient(Uri blobContainerUri, TokenCredential credential, StorageClientOptions? options = null)
        : this(StorageResourceUri.Split(blobContainerUri, nameof(blobContainerUri)), credential, options)
    {
    }

    internal BlobContainerClient(StoragePipeline pipeline, string blobContainerName)
    {
        Name = StorageNames.ValidateContainerName(blobContainerName);
        _pipeline = pipeline;
    }

    /// <summary>For mocking.</summary>
    protected BlobContainerClient()
    {
        Name = string.Empty;
    }

    private BlobContainerClient((Uri Endpoint, string Name) container, StorageSharedKeyCredential credential, StorageClientOptions? options)
        : this(new StoragePipeline(StorageService.Blob, container.Endpoint, credential, options), container.Name)
    {
    }

    private BlobContainerClient((Uri Endpoint, string Name) container, TokenCredential credential, StorageClientOptions? options)
        : this(new StoragePipeline(StorageService.Blob, container.Endpoint, credential, options), container.Name)
    {
    }

    public virtual string Name { get; }

    public virtual string AccountName => _pipeline.AccountName;

    public virtual Uri Uri => new($"{_pipeline.Endpoint.AbsoluteUri.TrimEnd('/')}/{Name}");

    /// <summary>True when the client signs with an account key, which service SAS links need; otherwise links need a user delegation key.</summary>
    public virtual bool CanGenerateSasUri => _pipeline.SharedKey is not null;

    /// <exception cref="ArgumentException">The blob name breaks the naming rules.</exception>
    public virtual BlobClient GetBlobClient(string blobName) => new(_pipeline, Name, blobName);

    /// <summary>Creates the container as private (no public access); returns null when it already exists.</summary>
    public virtual async Task<Response<BlobContainerInfo>?> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, Name);
        message.Request.Uri.AppendQuery("restype", "container");
        try
        {
            var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return Response.FromValue(
                new BlobContainerInfo { ETag = response.Headers.ETag ?? default, LastModified = LastModified(response) },
                response);
        }
        catch (RequestFailedException e) when (e.ErrorCode == "ContainerAlreadyExists")
        {
            return null;
        }
    }

    /// <summary>Deletes the container and every blob in it.</summary>
    public virtual async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, Name);
        message.Request.Uri.AppendQuery("restype", "container");
        return await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The blobs whose names start with <paramref name="prefix"/>, in name order, with their metadata; pages are
    /// fetched as the sequence is read. <c>AsPages(pageSizeHint: n)</c> asks for at most n (1-5000) per request.
    /// </summary>
    public virtual AsyncPageable<BlobItem> GetBlobsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        new ContinuationPageable<BlobItem>((marker, pageSize, ct) => GetBlobsPageAsync(prefix, marker, pageSize, ct), null, cancellationToken);

    internal static DateTimeOffset LastModified(Response response) =>
        response.Headers.TryGetValue("Last-Modified", out var value) ? ParseHttpDate(value) : default;

    internal static DateTimeOffset ParseHttpDate(string value) =>
        DateTimeOffset.ParseExact(value, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static StoragePipeline Pipeline(StorageConnectionString account, StorageClientOptions? options) =>
        new(StorageService.Blob, account.BlobEndpoint, account.Credential, options);

    private async Task<Page<BlobItem>> GetBlobsPageAsync(string? prefix, string? marker, int? pageSize, CancellationToken cancellationToken)
    {
        if (pageSize is < 1 or > MaximumPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, $"A listing page holds 1 to {MaximumPageSize} blobs.");
        }

        using var message = _pipeline.CreateMessage(RequestMethod.Get, Name);
        var uri = message.Request.Uri;
        uri.AppendQuery("restype", "container");
        uri.AppendQuery("comp", "list");
        uri.AppendQuery("include", "metadata");
        if (!string.IsNullOrEmpty(prefix))
        {
            uri.AppendQuery("prefix", prefix, escapeValue: true);
        }

        if (!string.IsNullOrEmpty(marker))
        {
            uri.AppendQuery("marker", marker, escapeValue: true);
        }

        if (pageSize is { } size)
        {
            uri.AppendQuery("maxresults", size.ToString(CultureInfo.InvariantCulture));
        }

        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var root = XDocument.Load(response.Content.ToStream()).Root!;
        var blobs = root.Element("Blobs")?.Elements("Blob").Select(ParseBlobItem).ToList() ?? [];
        var nextMarker = root.Element("NextMarker")?.Value;
        return Page<BlobItem>.FromValues(blobs, string.IsNullOrEmpty(nextMarker) ? null : nextMarker, response);
    }

    private static BlobItem ParseBlobItem(XElement blob)
    {
        var properties = blob.Element("Properties");
        string? Property(string name) => properties?.Element(name)?.Value;
        var etag = Property("Etag");
        var length = Property("Content-Length");
        var lastModified = Property("Last-Modified");
        var created = Property("Creation-Time");
        return new BlobItem
        {
            Name = blob.Element("Name")!.Value,
            Properties = new BlobItemProperties
            {
                ContentType = Property("Content-Type"),
                ContentLength = length is null ? null : long.Parse(length, CultureInfo.InvariantCulture),
                // Azure.Core holds a header ETag without its quotes; hold a listed one the same way so the two compare equal.
                ETag = etag is null ? null : new ETag(etag.Trim('"')),
                LastModified = lastModified is null ? null : ParseHttpDate(lastModified),
                CreatedOn = created is null ? null : ParseHttpDate(created),
            },
            Metadata = (blob.Element("Metadata")?.Elements() ?? [])
                .ToDictionary(e => e.Name.LocalName, e => e.Value, StringComparer.OrdinalIgnoreCase),
        };
    }
}
