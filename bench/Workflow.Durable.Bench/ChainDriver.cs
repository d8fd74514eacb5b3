using System.Diagnostics;
using System.Globalization;

namespace Workflow.Durable.Bench;

/// <summary>
/// Runs the chain workload on one store: a worker, a client starting instances, and approvers raising the
/// event each instance asks for. Instances are started in waves; a wave ends when all its instances have.
/// </summary>
internal sealed class ChainDriver : IAsyncDisposable
{
    private const int Approvers = 4;

    private readonly CompletionTrackingStore _store;
    private readonly ChainWorkload _workload = new();
    private readonly DurableTaskClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private int _started;

    public ChainDriver(IDurableStore store, DurableTaskOptions options)
    {
        _store = new CompletionTrackingStore(store);
        Worker = new DurableTaskWorker(_store, _workload.Registry, options);
        _client = new DurableTaskClient(_store, options);
        _running = Task.WhenAll([
            Task.Run(() => Worker.RunAsync(_stop.Token)),
            .. Enumerable.Range(0, Approvers).Select(_ => Task.Run(() => _workload.ApproveAsync(_client, _stop.Token))),
        ]);
    }

    public DurableTaskWorker Worker { get; }

    public static string InstanceId(int index) => $"chain{index.ToString("D6", CultureInfo.InvariantCulture)}";

    /// <summary>Starts <paramref name="count"/> more instances, at most <paramref name="startConcurrency"/> starts at a time, and waits until all have ended.</summary>
    public async Task<ChainWave> RunWaveAsync(int count, int startConcurrency, TimeSpan timeout)
    {
        var first = _started;
        _started += count;
        var begun = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(
            Enumerable.Range(first, count),
            new ParallelOptions { MaxDegreeOfParallelism = startConcurrency },
            async (i, cancellationToken) => await _client.ScheduleNewOrchestrationInstanceAsync(
                ChainWorkload.Orchestration, i, new StartOrchestrationOptions { InstanceId = InstanceId(i) }, cancellationToken));
        try
        {
            await _store.WhenEnded(first + count).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Only {_store.EndedCount} of {first + count} instances ended within {timeout.TotalSeconds:0} s.");
        }

        return new ChainWave(first, count, begun, Stopwatch.GetTimestamp());
    }

    /// <summary>Deletes the wave's instances and their history, as a retention job would once they have ended.</summary>
    public async Task PurgeAsync(ChainWave wave)
    {
        foreach (var id in wave.InstanceIds)
        {
            await _client.PurgeInstanceAsync(id);
        }

        _store.Forget(wave.InstanceIds);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
    }
}

/// <summary>Instances <c>First</c> to <c>First + Count - 1</c>, started at <c>Begun</c> and all ended at <c>Ended</c> (Stopwatch timestamps).</summary>
internal sealed record ChainWave(int First, int Count, long Begun, long Ended)
{
    public TimeSpan Wall => Stopwatch.GetElapsedTime(Begun, Ended);

    public IEnumerable<string> InstanceIds => Enumerable.Range(First, Count).Select(ChainDriver.InstanceId);
}
