using Azure.Core.Pipeline;

namespace Workflow.Storage.Bench;

/// <summary>
/// The two callers under test, pointed at one Azurite, and a third, separate one for setup (creating, prefilling and
/// dropping tables and queues) so that setup traffic never warms or grows the connection pool of a measured caller.
/// </summary>
internal sealed class BenchTargets : IDisposable
{
    private readonly SocketsHttpHandler _setupTransport = new();
    private int _names;

    public BenchTargets(string connectionString, StorageClientOptions clientOptions)
    {
        Client = StorageAccount.FromConnectionString(connectionString, clientOptions);
        Baseline = new RawStorageCaller(connectionString);
        Setup = StorageAccount.FromConnectionString(
            connectionString, new StorageClientOptions { Transport = new HttpClientTransport(_setupTransport) });
    }

    public StorageAccount Client { get; }

    public RawStorageCaller Baseline { get; }

    public StorageAccount Setup { get; }

    /// <summary>A fresh resource name, valid for both tables (letters and digits) and queues.</summary>
    public string NewName(string kind, Side side) =>
        $"bench{kind}{(side == Side.Client ? "c" : "b")}{Interlocked.Increment(ref _names)}";

    public void Dispose()
    {
        Baseline.Dispose();
        _setupTransport.Dispose();
    }
}
