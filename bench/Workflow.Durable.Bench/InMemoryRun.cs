namespace Workflow.Durable.Bench;

/// <summary>Part 3: the chain on the in-memory store with fast polling, to measure the engine alone.</summary>
internal static class InMemoryRun
{
    private const int StartConcurrency = 16;

    public static DurableTaskOptions Options { get; } = new()
    {
        MinPollInterval = TimeSpan.FromMilliseconds(1),
        MaxPollInterval = TimeSpan.FromMilliseconds(5),
    };

    /// <summary>Runs a tenth of the instances untimed first, on a store of their own, so the JIT has done its tiering.</summary>
    public static async Task<InMemoryResult> RunAsync(int instances)
    {
        await RunWaveAsync(new InMemoryDurableStore(), Math.Max(1, instances / 10));
        var store = new InMemoryDurableStore();
        var (cpu, allocated, paused) = (Cpu.Now().Bench, GC.GetTotalAllocatedBytes(precise: true), GC.GetTotalPauseDuration());
        var wave = await RunWaveAsync(store, instances);
        (cpu, allocated, paused) = (Cpu.Now().Bench - cpu, GC.GetTotalAllocatedBytes(precise: true) - allocated, GC.GetTotalPauseDuration() - paused);
        var tally = await ChainWorkload.TallyAsync(new DurableTaskClient(store), wave.InstanceIds, Environment.ProcessorCount);
        return new InMemoryResult(wave, tally, cpu, allocated, paused);
    }

    private static async Task<ChainWave> RunWaveAsync(InMemoryDurableStore store, int instances)
    {
        await using var driver = new ChainDriver(store, Options);
        return await driver.RunWaveAsync(instances, StartConcurrency, TimeSpan.FromMinutes(10));
    }
}

/// <summary>The in-memory run: its wave, tally, the process's CPU time, bytes allocated and time paused by the GC during it.</summary>
internal sealed record InMemoryResult(ChainWave Wave, ChainTally Tally, TimeSpan Cpu, long AllocatedBytes, TimeSpan GcPause)
{
    public double StepsPerSecond => Tally.Steps / Wave.Wall.TotalSeconds;
}
