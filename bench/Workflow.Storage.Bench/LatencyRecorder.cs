using System.Diagnostics;

namespace Workflow.Storage.Bench;

/// <summary>Runs a fixed number of operations on N concurrent workers and reports throughput and latency percentiles.</summary>
internal static class LatencyRecorder
{
    public static async Task<Measurement> RunAsync(int operations, int concurrency, Func<int, Task> operation)
    {
        var latencies = new double[operations];
        var next = -1;
        var total = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
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
        Array.Sort(latencies);
        return new Measurement(
            operations / total.Elapsed.TotalSeconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.95));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>Operations per second and the median and 95th-percentile latency in milliseconds.</summary>
internal readonly record struct Measurement(double OpsPerSecond, double P50, double P95);
