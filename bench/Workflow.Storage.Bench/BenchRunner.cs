using System.Diagnostics;
using Workflow.Testing;

namespace Workflow.Storage.Bench;

/// <summary>
/// Runs every (operation, concurrency) cell on fresh Azurites, warms both callers up on each, then runs the timed
/// rounds alternating client and baseline (ABBA: whoever goes second swaps every round) so that drift and noise hit
/// both alike. A client round and the baseline round paired with it always run on the same Azurite.
/// </summary>
/// <remarks>
/// Why fresh Azurites: its queue service keeps every message body as an extent, and a mark-and-sweep removes the
/// extents of deleted messages 60 seconds after start and then every minute — one at a time, each removal costing
/// O(all extents), without yielding Node's event loop. With the thousands of messages a cell deletes, that froze the
/// whole emulator for minutes. So an Azurite is only used while it is young enough that its first sweep cannot start
/// before the next round pair ends; then it is replaced.
/// </remarks>
internal sealed class BenchRunner(BenchOptions options, StorageClientOptions clientOptions)
{
    private static readonly TimeSpan FirstSweep = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SweepMargin = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<ResultRow>> RunAsync(IReadOnlyList<BenchOperation> operations)
    {
        var rows = new List<ResultRow>();
        foreach (var operation in operations)
        {
            foreach (var concurrency in BenchOptions.Concurrencies)
            {
                rows.Add(await RunCellAsync(operation, concurrency));
            }
        }

        return rows;
    }

    private async Task<ResultRow> RunCellAsync(BenchOperation operation, int concurrency)
    {
        var client = new List<Measurement>();
        var baseline = new List<Measurement>();
        Emulator? emulator = null;
        var lastPair = TimeSpan.Zero;
        try
        {
            for (var round = 0; round < options.Rounds; round++)
            {
                if (emulator is null || emulator.Age + (lastPair * 1.5) > FirstSweep - SweepMargin)
                {
                    if (emulator is not null)
                    {
                        await emulator.DisposeAsync();
                    }

                    emulator = await StartEmulatorAsync(operation, concurrency);
                }

                var pair = Stopwatch.StartNew();
                foreach (var side in round % 2 == 0 ? new[] { Side.Client, Side.Baseline } : [Side.Baseline, Side.Client])
                {
                    // An A/A run times the client in the baseline's slot too.
                    var caller = options.AaTest ? Side.Client : side;
                    var measurement = await TimedRoundAsync(emulator.Targets, operation, caller, options.OperationsFor(operation), concurrency);
                    (side == Side.Client ? client : baseline).Add(measurement);
                    Progress($"{operation.Name} @{concurrency} round {round + 1}/{options.Rounds} {side,-8}: " +
                             $"{measurement.OpsPerSecond,6:F0} ops/s, p50 {measurement.P50:F2} ms, p95 {measurement.P95:F2} ms, " +
                             $"{measurement.CpuMicroseconds:F0} us CPU/op, {measurement.AllocatedBytes / 1024:F1} KiB/op, " +
                             $"{measurement.Collections} GCs pausing {measurement.GcPauseMilliseconds:F1} ms");
                }

                lastPair = pair.Elapsed;
            }
        }
        finally
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }
        }

        return new ResultRow(operation.Name, concurrency, client, baseline);
    }

    private async Task<Emulator> StartEmulatorAsync(BenchOperation operation, int concurrency)
    {
        var age = Stopwatch.StartNew(); // from before the start, so the sweep clock is never underestimated
        var azurite = await AzuriteProcess.StartAsync();
        var emulator = new Emulator(azurite, new BenchTargets(azurite.ConnectionString, clientOptions), age);
        Progress($"{operation.Name} @{concurrency}: fresh Azurite, warm-up");
        // One untimed round per caller exactly like a timed one: connections opened, .NET code JIT-compiled, and
        // Azurite's own JavaScript warmed by V8, so the first timed round is not the odd one out.
        foreach (var side in new[] { Side.Client, Side.Baseline })
        {
            await TimedRoundAsync(emulator.Targets, operation, side, options.OperationsFor(operation), concurrency);
        }

        return emulator;
    }

    private static async Task<Measurement> TimedRoundAsync(BenchTargets targets, BenchOperation operation, Side side, int count, int concurrency)
    {
        var round = await operation.PrepareAsync(targets, side, count);
        // Start each timed region from the same heap state, so one caller does not pay for the other's garbage.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var measurement = await LatencyRecorder.RunAsync(count, concurrency, round.Operation);
        await round.CleanupAsync();
        return measurement;
    }

    private static void Progress(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

    /// <summary>One Azurite, the callers pointed at it, and how long it has been up.</summary>
    private sealed class Emulator(AzuriteProcess azurite, BenchTargets targets, Stopwatch age) : IAsyncDisposable
    {
        public BenchTargets Targets { get; } = targets;

        public TimeSpan Age => age.Elapsed;

        public async ValueTask DisposeAsync()
        {
            Targets.Dispose();
            await azurite.DisposeAsync();
        }
    }
}
