using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Workflow.Storage;
using Xunit;

namespace Workflow.Testing;

/// <summary>
/// One real Azurite for all the tests of an assembly that join its collection; each test uses its own
/// table, queue or container names. Each test assembly declares the collection (xunit requires it there).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string ConnectionString => (_azurite ?? throw new InvalidOperationException("Azurite has not started.")).ConnectionString;

    public StorageConnectionString Account => StorageConnectionString.Parse(ConnectionString);

    public StorageAccount StorageAccount => StorageAccount.FromConnectionString(ConnectionString);

    /// <summary>The SDK's table service on this Azurite, as the app registers it.</summary>
    public TableServiceClient Tables => new(ConnectionString);

    /// <summary>The SDK's blob service on this Azurite, on the REST version the app pins (Azurite refuses the SDK's newer default).</summary>
    public BlobServiceClient Blobs => new(ConnectionString, new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06));

    /// <summary>The SDK's queue service on this Azurite, on the REST version the app pins.</summary>
    public QueueServiceClient Queues => new(ConnectionString, new QueueClientOptions(QueueClientOptions.ServiceVersion.V2026_06_06));

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>A name no other test uses: lowercase letters and digits, valid for tables, queues and containers.</summary>
    public static string UniqueName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 20, 63)].ToLowerInvariant();
}
