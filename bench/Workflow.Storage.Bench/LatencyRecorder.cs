using System.Diagnostics;

namespace Workflow.Storage.Bench;

/// <summary>
/// Runs a fixed number of operations on N concurrent workers and reports throughput, latency percentiles, and what
/// the round cost this process: CPU time and managed allocations per operation (Azurite runs in its own process, so
/// these are the caller's own costs, free of the server's noise).
/// </summary>
internal static class LatencyRecorder
{
    public static async Task<Measurement> RunAsync(int operations, int concurrency, Func<int, Task> operation)
    {
        var latencies = new double[operations];
        var next = -1;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var collectionsBefore = GC.CollectionCount(0);
        var pauseBefore = GC.GetTotalPauseDuration();
        var total = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            // Start every worker on the thread pool, so none runs its first call inline on the caller's thread.
            await Task.Yield();
            int i;
            while ((i = Interlocked.Increment(ref next)) < operations)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        });
        await Task.WhenAll(workers);
        total.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var collections = GC.CollectionCount(0) - collectionsBefore;
        var pause = GC.GetTotalPauseDuration() - pauseBefore;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        Array.Sort(latencies);
        return new Measurement(
            operations / total.Elapsed.TotalSeconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.95),
            cpu.TotalMicroseconds / operations,
            (double)allocated / operations,
            collections,
            pause.TotalMilliseconds);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>
/// Operations per second, the median and 95th-percentile latency in milliseconds, this process's CPU time
/// (microseconds) and managed allocations (bytes) per operation, and the garbage collections the round caused
/// (count, and milliseconds the process was paused for them).
/// </summary>
internal readonly record struct Measurement(
    double OpsPerSecond, double P50, double P95, double CpuMicroseconds, double AllocatedBytes, int Collections, double GcPauseMilliseconds);
