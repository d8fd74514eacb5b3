using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Xunit;

namespace Workflow.Testing;

/// <summary>
/// One real Azurite for all the tests of an assembly that join its collection; each test uses its own
/// table, queue or container names. Each test assembly declares the collection (xunit requires it there).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string ConnectionString => Azurite.ConnectionString;

    /// <inheritdoc cref="AzuriteProcess.Tables"/>
    public TableServiceClient Tables => Azurite.Tables();

    /// <inheritdoc cref="AzuriteProcess.Blobs"/>
    public BlobServiceClient Blobs => Azurite.Blobs();

    /// <inheritdoc cref="AzuriteProcess.Queues"/>
    public QueueServiceClient Queues => Azurite.Queues();

    private AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

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
