using System.Diagnostics;
using Azure.Core;
using Workflow.Storage;
using Workflow.Testing;

namespace Workflow.Durable.Bench;

/// <summary>
/// Parts 1 and 2: the chain on a fresh task hub in a private Azurite with a default-options worker, every
/// storage request recorded; then the floor, the recorded mix replayed without the engine in the same Azurite.
/// </summary>
internal static class AzuriteRun
{
    private const int StartConcurrency = 16;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

    public static async Task<AzuriteResult> RunAsync(int instances)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var recorder = new StorageOpRecorder(azurite);
        var recorded = new StorageClientOptions();
        recorded.AddPolicy(recorder, HttpPipelinePosition.PerRetry);
        var account = StorageAccount.FromConnectionString(azurite.ConnectionString, recorded);
        var hub = new AzureStorageDurableOptions { TaskHubName = "benchhub" };
        var store = new AzureStorageDurableStore(account, hub);
        await store.CreateIfNotExistsAsync();

        recorder.Take();
        var cpu = Cpu.Now();
        ChainWave wave;
        await using (var driver = new ChainDriver(store, new DurableTaskOptions()))
        {
            wave = await driver.RunWaveAsync(instances, StartConcurrency, Timeout);
        }

        cpu = Cpu.Now() - cpu;
        var peak = recorder.PeakInFlight;
        var ops = recorder.Take().Where(op => op.StartedAt <= wave.Ended).ToList();

        // Checked through an account without the recorder: reading results is not part of the mix.
        var unrecorded = new AzureStorageDurableStore(StorageAccount.FromConnectionString(azurite.ConnectionString), hub);
        var tally = await ChainWorkload.TallyAsync(new DurableTaskClient(unrecorded), wave.InstanceIds, StartConcurrency);

        var floor = await FloorReplay.RunAsync(account, recorder, ops, instances, peak);
        return new AzuriteResult(wave, tally, ops, peak, cpu, floor);
    }
}

/// <summary>The engine run (its wave, tally, recorded requests, peak requests in flight, CPU time) and its floor.</summary>
internal sealed record AzuriteResult(ChainWave Wave, ChainTally Tally, IReadOnlyList<StorageOp> Ops, int PeakInFlight, Cpu Cpu, FloorResult Floor)
{
    public double StepsPerSecond => Tally.Steps / Wave.Wall.TotalSeconds;

    public double OpsPerStep => (double)Ops.Count / Tally.Steps;

    /// <summary>Average requests in flight: their summed durations over the wall time.</summary>
    public double AverageInFlight => Ops.Sum(op => op.Elapsed.TotalSeconds) / Wave.Wall.TotalSeconds;

    /// <summary>Time within the run when no storage request was in flight: the engine was waiting on itself (polling back-off, CPU).</summary>
    public TimeSpan StorageIdle
    {
        get
        {
            var busy = TimeSpan.Zero;
            var (from, to) = (Wave.Begun, Wave.Begun);
            foreach (var op in Ops)
            {
                var end = op.StartedAt + (long)(op.Elapsed.TotalSeconds * Stopwatch.Frequency);
                if (op.StartedAt > to)
                {
                    busy += Stopwatch.GetElapsedTime(from, to);
                    from = op.StartedAt;
                }

                to = Math.Max(to, end);
            }

            return Wave.Wall - busy - Stopwatch.GetElapsedTime(from, Math.Min(to, Wave.Ended));
        }
    }

    /// <summary>Engine throughput ÷ floor throughput over the same mix of requests.</summary>
    public double FloorRatio => Floor.Wall / Wave.Wall;
}
