using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;

namespace Workflow.App.Storage;

/// <summary>
/// How the app reaches a storage account named by a configuration section: locally a connection string (Azurite's
/// well-known key), on Azure the account name and the app's managed identity. The app's own account is the
/// <c>Storage</c> section; the durable task hub may have its own (<c>Durable:Connection</c> names the section).
/// </summary>
public sealed class StorageAccountConnection
{
    /// <summary>
    /// The REST version every blob and queue client speaks. Blobs 12.30 and Queues 12.28 default to 2026-10-06, which
    /// Azurite 3.37 refuses; pinning the version (rather than starting Azurite with --skipApiVersionCheck) keeps the
    /// tests on the protocol production speaks. Tables have a single version.
    /// </summary>
    public const BlobClientOptions.ServiceVersion BlobVersion = BlobClientOptions.ServiceVersion.V2026_06_06;

    /// <inheritdoc cref="BlobVersion"/>
    public const QueueClientOptions.ServiceVersion QueueVersion = QueueClientOptions.ServiceVersion.V2026_06_06;

    private StorageAccountConnection(string? connectionString, string? accountName)
    {
        ConnectionString = connectionString;
        AccountName = accountName;
    }

    /// <summary>Set locally (Azurite); null on Azure.</summary>
    public string? ConnectionString { get; }

    /// <summary>Set on Azure, where the managed identity signs in; null locally.</summary>
    public string? AccountName { get; }

    /// <param name="connectionString">The section's <c>ConnectionString</c> (local).</param>
    /// <param name="accountName">The section's <c>AccountName</c> (Azure).</param>
    /// <param name="sectionPath">The section's path, for the error that says what to set.</param>
    /// <exception cref="InvalidOperationException">The section names neither a connection string nor an account.</exception>
    public static StorageAccountConnection From(string? connectionString, string? accountName, string sectionPath) =>
        !string.IsNullOrWhiteSpace(connectionString) ? new StorageAccountConnection(connectionString, null)
        : !string.IsNullOrWhiteSpace(accountName) ? new StorageAccountConnection(null, accountName)
        : throw new InvalidOperationException(
            $"Storage is not configured: set {sectionPath}:ConnectionString (local) or {sectionPath}:AccountName (Azure, managed identity).");

    /// <summary>The account's endpoint for a service (blob, queue, table) on Azure.</summary>
    public Uri Endpoint(string service) => new($"https://{AccountName}.{service}.core.windows.net/");

    /// <summary>DTFx's clients for the task hub, on the same account and REST versions as the app's.</summary>
    public StorageAccountClientProvider TaskHubClients()
    {
        var blobs = new BlobClientOptions(BlobVersion);
        var queues = new QueueClientOptions(QueueVersion);
        if (ConnectionString is { } connectionString)
        {
            return new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connectionString, blobs),
                StorageServiceClientProvider.ForQueue(connectionString, queues),
                StorageServiceClientProvider.ForTable(connectionString));
        }

        TokenCredential credential = new DefaultAzureCredential();
        return new StorageAccountClientProvider(
            StorageServiceClientProvider.ForBlob(Endpoint("blob"), credential, blobs),
            StorageServiceClientProvider.ForQueue(Endpoint("queue"), credential, queues),
            StorageServiceClientProvider.ForTable(Endpoint("table"), credential));
    }
}
