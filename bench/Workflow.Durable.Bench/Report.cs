using System.Globalization;
using System.Runtime.InteropServices;

namespace Workflow.Durable.Bench;

/// <summary>Prints each part's figures and, last, the targets with PASS or MISS.</summary>
internal static class Report
{
    public const double MaxOpsPerStep = 4;
    public const double MinFloorRatio = 0.8;
    public const double MinInMemoryStepsPerSecond = 20_000;

    /// <summary>
    /// Heap growth per completed instance, between the first and the last wave, that still counts as none: a
    /// hundredth of what one instance's data takes in the store, so a worker keeping even that much of each
    /// instance would show.
    /// </summary>
    public const double MaxGrowthShareOfInstance = 0.01;

    public static void Header(BenchOptions options)
    {
        Console.WriteLine("Workflow.Durable.Bench: chain of 5 activities + 1 external event (raised by the client once the 5th activity asked for it)");
        Console.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}, " +
                          $"load average at start {LoadAverage()}");
        Console.WriteLine($"Instances: Azurite {options.AzuriteInstances}, in-memory {options.InMemoryInstances}, memory run {options.MemoryInstances} in {options.MemoryWaves} waves; " +
                          $"{options.Rounds} round(s) of the Azurite and in-memory runs");
        Console.WriteLine("A step = one orchestration step commit (OrchestratorStarted in history) or one activity execution (TaskCompleted in history).");
        Console.WriteLine();
    }

    /// <summary>Prints every round in brief, then the best (fastest engine) in full, with its floor.</summary>
    public static void Azurite(IReadOnlyList<AzuriteResult> rounds)
    {
        var run = rounds.MaxBy(r => r.StepsPerSecond)!;
        var (wave, tally) = (run.Wave, run.Tally);
        Console.WriteLine($"1. Azurite: {wave.Count} instances, worker with default options, fresh task hub, every storage request recorded");
        Console.WriteLine($"   {"round",5} {"wall s",7} {"steps/s",8} {"ops/step",8} {"storage idle",12} {"bench cores",11} {"Azurite cores",13} {"floor s",8} {"engine/floor",12}");
        foreach (var (round, i) in rounds.Select((r, i) => (r, i + 1)))
        {
            Console.WriteLine($"   {i,5} {round.Wave.Wall.TotalSeconds,7:0.00} {round.StepsPerSecond,8:0} {round.OpsPerStep,8:0.00} {round.StorageIdle / round.Wave.Wall,12:P0} " +
                              $"{round.Cpu.Bench / round.Wave.Wall,11:0.00} {round.Cpu.Azurite / round.Wave.Wall,13:0.00} {round.Floor.Wall.TotalSeconds,8:0.00} {round.FloorRatio,12:0.00}");
        }

        Console.WriteLine("   (each round on a fresh Azurite; storage idle: share of the wall time with no request in flight; the fastest round in full below)");
        Console.WriteLine($"   engine ÷ floor, best engine round's ops/s ÷ best floor's: {BestFloorRatio(rounds):0.00}");

        Console.WriteLine();
        Console.WriteLine($"   completed correctly    {tally.Correct} of {tally.Instances}");
        Console.WriteLine($"   wall time              {wave.Wall.TotalSeconds:0.00} s (first start to last instance ended)");
        Console.WriteLine($"   instances/s            {wave.Count / wave.Wall.TotalSeconds:0.0}");
        Console.WriteLine($"   steps                  {tally.Steps} = {tally.OrchestrationSteps} orchestration steps + {tally.ActivityExecutions} activity executions ({(double)tally.Steps / tally.Instances:0.00} per instance)");
        Console.WriteLine($"   steps/s                {run.StepsPerSecond:0}");
        Console.WriteLine($"   storage operations     {run.Ops.Count} ({run.OpsPerStep:0.00} per step, {(double)run.Ops.Count / wave.Count:0.0} per instance; client's start and raise included; " +
                          $"{run.Ops.Count(op => op.Failed)} failed or cancelled)");
        Console.WriteLine($"   requests in flight     {run.AverageInFlight:0.0} on average, {run.PeakInFlight} at peak");
        Console.WriteLine($"   CPU                    {run.Cpu.Describe(wave.Wall)}");
        Console.WriteLine();
        Console.WriteLine($"   {"kind",-13} {"target",-18} {"count",6} {"per step",8} {"req B",6} {"resp B",7} {"items",6} {"avg ms",7}");
        foreach (var group in run.Ops.GroupBy(op => (op.Kind, op.Target)).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Target, StringComparer.Ordinal))
        {
            Console.WriteLine($"   {group.Key.Kind,-13} {group.Key.Target,-18} {group.Count(),6} {(double)group.Count() / tally.Steps,8:0.000} " +
                              $"{group.Average(op => op.RequestBytes),6:0} {group.Average(op => op.ResponseBytes),7:0} {group.Sum(op => op.Items),6} {group.Average(op => op.Elapsed.TotalMilliseconds),7:0.0}");
        }

        Console.WriteLine("   (items: messages received, or entities a query returned)");
        Console.WriteLine();
        Floor(run);
    }

    private static void Floor(AzuriteResult run)
    {
        var floor = run.Floor;
        Console.WriteLine($"2. Floor: the recorded mix replayed on the storage clients alone, same Azurite, {floor.Lanes} lanes (the engine's peak in flight)");
        Console.WriteLine($"   {"kind",-13} {"engine",7} {"floor",7} {"engine req B",13} {"floor req B",12} {"engine ms",10} {"floor ms",9}");
        var floorByKind = floor.Ops.ToLookup(op => op.Kind);
        foreach (var kind in run.Ops.Select(op => op.Kind).Distinct().Order())
        {
            var (engine, replayed) = (run.Ops.Where(op => op.Kind == kind).ToList(), floorByKind[kind].ToList());
            Console.WriteLine($"   {kind,-13} {engine.Count,7} {replayed.Count,7} {engine.Average(op => op.RequestBytes),13:0} {replayed.Select(op => (double)op.RequestBytes).DefaultIfEmpty().Average(),12:0} " +
                              $"{engine.Average(op => op.Elapsed.TotalMilliseconds),10:0.0} {replayed.Select(op => op.Elapsed.TotalMilliseconds).DefaultIfEmpty().Average(),9:0.0}");
        }

        Console.WriteLine($"   floor wall time        {floor.Wall.TotalSeconds:0.00} s for {run.Ops.Count} operations ({run.Ops.Count / floor.Wall.TotalSeconds:0} ops/s; receives repeated because short: {floor.ExtraReceives})");
        Console.WriteLine($"   floor CPU              {floor.Cpu.Describe(floor.Wall)}");
        Console.WriteLine($"   engine wall time       {run.Wave.Wall.TotalSeconds:0.00} s for the same operations ({run.Ops.Count / run.Wave.Wall.TotalSeconds:0} ops/s)");
        Console.WriteLine($"   engine ÷ floor         {run.FloorRatio:0.00} in this round (floor steps/s would be {run.Tally.Steps / floor.Wall.TotalSeconds:0})");
        Console.WriteLine();
    }

    /// <summary>Prints the best round (most steps/s), and the others' steps/s; returns the best.</summary>
    public static InMemoryResult InMemory(IReadOnlyList<InMemoryResult> rounds)
    {
        var run = rounds.MaxBy(r => r.StepsPerSecond)!;
        Console.WriteLine($"3. In memory: {run.Wave.Count} instances, in-memory store, polling every 1-5 ms, other options default (after an untimed warm-up of {Math.Max(1, run.Wave.Count / 10)})");
        Console.WriteLine($"   completed correctly    {run.Tally.Correct} of {run.Tally.Instances}");
        Console.WriteLine($"   wall time              {run.Wave.Wall.TotalSeconds:0.00} s; process CPU {run.Cpu.TotalSeconds:0.0} s ({run.Cpu / run.Wave.Wall:0.00} cores busy)");
        Console.WriteLine($"   instances/s            {run.Wave.Count / run.Wave.Wall.TotalSeconds:0}");
        Console.WriteLine($"   steps/s                {run.StepsPerSecond:0} ({run.Tally.Steps} steps; {run.Cpu.TotalMicroseconds / run.Tally.Steps:0.0} µs of CPU per step)");
        Console.WriteLine($"   GC                     {run.AllocatedBytes / run.Tally.Steps:0} B allocated per step; paused {run.GcPause.TotalSeconds:0.00} s ({run.GcPause / run.Wave.Wall:P0} of the wall time)");
        Console.WriteLine($"   steps/s of each round  {string.Join(", ", rounds.Select(r => r.StepsPerSecond.ToString("0", CultureInfo.InvariantCulture)))} (the best is shown)");
        Console.WriteLine();
        return run;
    }

    public static void Memory(IReadOnlyList<MemorySample> samples)
    {
        Console.WriteLine($"4. Worker memory: {samples[^1].Completed} instances in {samples.Count - 1} waves, in a child worker process (thread pool fixed at 8 threads) with the in-memory");
        Console.WriteLine("   store; after each wave its instances are purged and the store's queues drop deleted messages, so growth left is the worker's own");
        Console.WriteLine($"   {"completed",9} {"correct",7} {"heap after GC",14} {"working set",12} {"peak WS",10} {"cached now",10} {"cached max",10} {"threads",7} {"store B/inst",12} {"store left",10}");
        foreach (var s in samples)
        {
            Console.WriteLine($"   {s.Completed,9} {s.Correct,7} {Mib(s.HeapBytes),14} {Mib(s.WorkingSetBytes),12} {Mib(s.PeakWorkingSetBytes),10} {s.CachedHistories,10} {s.CachedHistoriesMax,10} " +
                              $"{s.Threads,7} {s.StoreBytesPerInstance,12} {s.StoreLeftovers,10}");
        }

        var (first, last) = (samples[1], samples[^1]);
        Console.WriteLine($"   heap growth from {first.Completed} to {last.Completed} completed: {HeapBytesPerInstance(samples):0.0} B per instance ({(last.HeapBytes - first.HeapBytes) / 1024.0:0} KiB in all, " +
                          $"{HeapBytesPerInstance(samples) / StoreBytesPerInstance(samples):P2} of the {StoreBytesPerInstance(samples):0} B an instance takes in the store)");
        Console.WriteLine($"   peak working set {Mib(first.PeakWorkingSetBytes)} after the first wave, {Mib(last.PeakWorkingSetBytes)} after the last");
        Console.WriteLine();
    }

    /// <summary>
    /// Engine ÷ floor as the best engine round's storage operations per second over the best floor's: on a shared
    /// machine each side's best is its least disturbed measurement.
    /// </summary>
    public static double BestFloorRatio(IReadOnlyList<AzuriteResult> rounds) =>
        rounds.Max(r => r.Ops.Count / r.Wave.Wall.TotalSeconds) / rounds.Max(r => r.Ops.Count / r.Floor.Wall.TotalSeconds);

    /// <returns>True when every target passed.</returns>
    public static bool Targets(IReadOnlyList<AzuriteResult> azuriteRounds, InMemoryResult inMemory, IReadOnlyList<MemorySample> memory)
    {
        var azurite = azuriteRounds.MaxBy(r => r.StepsPerSecond)!;
        var floorRatio = BestFloorRatio(azuriteRounds);
        var last = memory[^1];
        var cacheBounded = memory.All(s => s.CachedHistoriesMax <= s.HistoryCacheSize) && last.CachedHistories == 0;
        (string Target, string Measured, bool Pass)[] rows =
        [
            ($"Azurite: storage operations per step <= {MaxOpsPerStep}", $"{azurite.OpsPerStep:0.00}", azurite.OpsPerStep <= MaxOpsPerStep),
            ($"Azurite: engine / floor throughput >= {MinFloorRatio} (best vs best)", $"{floorRatio:0.00}", floorRatio >= MinFloorRatio),
            ($"In memory: steps/s >= {MinInMemoryStepsPerSecond:0}", $"{inMemory.StepsPerSecond:0}", inMemory.StepsPerSecond >= MinInMemoryStepsPerSecond),
            ($"Memory: heap growth per instance <= {MaxGrowthShareOfInstance:P0} of its store size", $"{HeapBytesPerInstance(memory):0.0} B of {StoreBytesPerInstance(memory):0} B",
                HeapBytesPerInstance(memory) <= MaxGrowthShareOfInstance * StoreBytesPerInstance(memory)),
            ($"Memory: cached histories <= cache size, 0 when idle", $"max {memory.Max(s => s.CachedHistoriesMax)} / {last.HistoryCacheSize}, idle {last.CachedHistories}", cacheBounded),
            ("All instances completed correctly", $"{azurite.Tally.Correct + inMemory.Tally.Correct + last.Correct} / {azurite.Wave.Count + inMemory.Wave.Count + last.Completed}",
                azurite.Tally.Correct == azurite.Wave.Count && inMemory.Tally.Correct == inMemory.Wave.Count && last.Correct == last.Completed),
        ];
        Console.WriteLine($"{"target",-60} {"measured",-24} result");
        foreach (var (target, measured, pass) in rows)
        {
            Console.WriteLine($"{target,-60} {measured,-24} {(pass ? "PASS" : "MISS")}");
        }

        Console.WriteLine($"Worker process peak working set after {last.Completed} completed instances: {Mib(last.PeakWorkingSetBytes)} (in-memory store in that process, purged per wave)");
        return rows.All(r => r.Pass);
    }

    /// <summary>Heap growth per instance between the first and the last wave.</summary>
    private static double HeapBytesPerInstance(IReadOnlyList<MemorySample> samples) =>
        (double)(samples[^1].HeapBytes - samples[1].HeapBytes) / (samples[^1].Completed - samples[1].Completed);

    private static double StoreBytesPerInstance(IReadOnlyList<MemorySample> samples) => samples.Skip(1).Average(s => s.StoreBytesPerInstance);

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024):0.0} MiB";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
