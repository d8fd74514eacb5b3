using System.Collections.Concurrent;
using Azure.Core;
using Workflow.Storage.Blobs;
using Workflow.Storage.Queues;
using Workflow.Storage.Tables;

namespace Workflow.Storage;

/// <summary>
/// One storage account and how to reach it (an account key locally, a managed identity on Azure). Hands out
/// table, queue and container clients, one per name, sharing the options.
/// </summary>
public sealed class StorageAccount
{
    private readonly Uri _tableEndpoint;
    private readonly Uri _queueEndpoint;
    private readonly Uri _blobEndpoint;
    private readonly StorageSharedKeyCredential? _key;
    private readonly TokenCredential? _token;
    private readonly StorageClientOptions? _options;
    private readonly ConcurrentDictionary<string, TableClient> _tables = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, QueueClient> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BlobContainerClient> _containers = new(StringComparer.Ordinal);
    private readonly Lazy<BlobServiceClient> _blobService;

    private StorageAccount(string name, Uri table, Uri queue, Uri blob, StorageSharedKeyCredential? key, TokenCredential? token, StorageClientOptions? options)
    {
        Name = name;
        (_tableEndpoint, _queueEndpoint, _blobEndpoint) = (table, queue, blob);
        (_key, _token, _options) = (key, token, options);
        _blobService = new(() => _key is not null
            ? new BlobServiceClient(_blobEndpoint, _key, _options)
            : new BlobServiceClient(_blobEndpoint, _token!, _options));
    }

    public string Name { get; }

    /// <exception cref="FormatException">The connection string is malformed.</exception>
    public static StorageAccount FromConnectionString(string connectionString, StorageClientOptions? options = null)
    {
        var parsed = StorageConnectionString.Parse(connectionString);
        return new StorageAccount(parsed.AccountName, parsed.TableEndpoint, parsed.QueueEndpoint, parsed.BlobEndpoint, parsed.Credential, null, options);
    }

    /// <summary>An account on Azure reached with an Entra ID credential (the app's managed identity).</summary>
    public static StorageAccount FromTokenCredential(string accountName, TokenCredential credential, StorageClientOptions? options = null, string endpointSuffix = "core.windows.net")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentNullException.ThrowIfNull(credential);
        return new StorageAccount(
            accountName,
            new Uri($"https://{accountName}.table.{endpointSuffix}"),
            new Uri($"https://{accountName}.queue.{endpointSuffix}"),
            new Uri($"https://{accountName}.blob.{endpointSuffix}"),
            null,
            credential,
            options);
    }

    public TableClient GetTableClient(string tableName) =>
        _tables.GetOrAdd(StorageNames.ValidateTableName(tableName), name => _key is not null
            ? new TableClient(_tableEndpoint, name, _key, _options)
            : new TableClient(_tableEndpoint, name, _token!, _options));

    public QueueClient GetQueueClient(string queueName) =>
        _queues.GetOrAdd(StorageNames.ValidateQueueName(queueName), name => _key is not null
            ? new QueueClient(Child(_queueEndpoint, name), _key, _options)
            : new QueueClient(Child(_queueEndpoint, name), _token!, _options));

    /// <summary>The account's Blob Storage service: user delegation keys, when the account is reached with a token.</summary>
    public BlobServiceClient GetBlobServiceClient() => _blobService.Value;

    public BlobContainerClient GetBlobContainerClient(string containerName) =>
        _containers.GetOrAdd(StorageNames.ValidateContainerName(containerName), name => _key is not null
            ? new BlobContainerClient(Child(_blobEndpoint, name), _key, _options)
            : new BlobContainerClient(Child(_blobEndpoint, name), _token!, _options));

    private static Uri Child(Uri endpoint, string name) => new($"{endpoint.AbsoluteUri.TrimEnd('/')}/{name}");
}
