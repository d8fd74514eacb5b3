using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Workflow.Durable.Bench;

/// <summary>
/// Part 4: the worker's memory over many completed instances. It runs in a child process of its own, so
/// the peak working set is the worker's and not the other parts'. The worker uses the in-memory store, which
/// lives in the same process; so that what remains is the worker's own retention, after each wave the
/// store's data of the ended instances is removed — purged through the client as a retention job would, and
/// the clock (a manual one) moved past the visibility timeouts, after which the store's queues drop
/// deleted messages they still index. Measured after every wave: managed heap after a full GC, working set,
/// peak working set, histories cached by the worker, thread pool threads, and for comparison what each
/// instance took in the store before the purge.
/// </summary>
internal static class MemoryRun
{
    public const string ChildFlag = "--memory-worker";
    private const int StartConcurrency = 16;
    private const int PoolThreads = 8;
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);

    /// <summary>In the benchmark: runs the child and collects what it measured.</summary>
    public static async Task<IReadOnlyList<MemorySample>> RunAsync(int instances, int waves)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark does not know its own executable.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(MemoryRun).Assembly.Location);
        }

        foreach (var argument in new[] { ChildFlag, instances.ToString(CultureInfo.InvariantCulture), waves.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("The memory worker did not start.");
        var errors = child.StandardError.ReadToEndAsync();
        var samples = new List<MemorySample>();
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            samples.Add(JsonSerializer.Deserialize<MemorySample>(line) ?? throw new InvalidDataException($"Unreadable sample: {line}"));
        }

        await child.WaitForExitAsync();
        return child.ExitCode == 0 && samples.Count == waves + 1
            ? samples
            : throw new InvalidOperationException($"The memory worker exited with {child.ExitCode}: {await errors}");
    }

    /// <summary>In the child: runs the waves and writes one JSON sample per line (the first before any instance).</summary>
    public static async Task<int> ServeAsync(int instances, int waves)
    {
        // Each thread keeps some managed state of its own; a pool that grew under a loaded machine would read as
        // per-instance growth. A fixed pool of 8 threads is plenty for a worker whose work is all asynchronous.
        ThreadPool.SetMinThreads(PoolThreads, PoolThreads);
        ThreadPool.SetMaxThreads(PoolThreads, PoolThreads);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var store = new InMemoryDurableStore(clock);
        var client = new DurableTaskClient(store);
        await using var driver = new ChainDriver(store, InMemoryRun.Options);
        var correct = 0;
        Console.WriteLine(JsonSerializer.Serialize(await SampleAsync(store, driver.Worker, 0, 0, 0)));
        for (var wave = 1; wave <= waves; wave++)
        {
            var cachedMax = 0;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    cachedMax = Math.Max(cachedMax, driver.Worker.CachedHistories);
                    await Task.Delay(5, CancellationToken.None);
                }
            });
            var ran = await driver.RunWaveAsync(instances / waves, StartConcurrency, TimeSpan.FromMinutes(10));
            await sampling.CancelAsync();
            await sampler;

            correct += (await ChainWorkload.TallyAsync(client, ran.InstanceIds, Environment.ProcessorCount)).Correct;
            clock.Advance(TimeSpan.FromMinutes(10));
            await Task.Delay(Settle);
            var withStoreData = GC.GetTotalMemory(forceFullCollection: true);
            await driver.PurgeAsync(ran);
            await Task.Delay(Settle);
            var sample = await SampleAsync(store, driver.Worker, ran.First + ran.Count, correct, cachedMax);
            Console.WriteLine(JsonSerializer.Serialize(sample with { StoreBytesPerInstance = (withStoreData - sample.HeapBytes) / ran.Count }));
        }

        return 0;
    }

    private static async Task<MemorySample> SampleAsync(InMemoryDurableStore store, DurableTaskWorker worker, int completed, int correct, int cachedMax)
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        var page = await store.QueryInstancesAsync(new InstanceQuery(PageSize: 1), null, CancellationToken.None);
        return new MemorySample(
            completed,
            correct,
            heap,
            process.WorkingSet64,
            process.PeakWorkingSet64,
            worker.CachedHistories,
            cachedMax,
            InMemoryRun.Options.HistoryCacheSize,
            ThreadPool.ThreadCount,
            0,
            page.Instances.Count + await store.GetQueueDepthAsync(QueueKind.Control, CancellationToken.None) + await store.GetQueueDepthAsync(QueueKind.Activity, CancellationToken.None));
    }
}

/// <summary>
/// The worker process after <c>Completed</c> instances: heap after a full GC, working set and its peak, cached
/// histories now and at most during the wave (bounded by the cache size), thread pool threads, what the last
/// wave's instances took in the store's part of the heap before they were purged (per instance: what
/// retaining an instance would cost), and what the store still holds (instances indexed plus queued
/// messages: 0 once purged).
/// </summary>
internal sealed record MemorySample(
    int Completed,
    int Correct,
    long HeapBytes,
    long WorkingSetBytes,
    long PeakWorkingSetBytes,
    int CachedHistories,
    int CachedHistoriesMax,
    int HistoryCacheSize,
    int Threads,
    long StoreBytesPerInstance,
    int StoreLeftovers);
