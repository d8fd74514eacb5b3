namespace Workflow.Analytics.Bench;

/// <summary>One timed pass of rows through one path.</summary>
internal sealed record Measurement(string Path, string Table, long Rows, TimeSpan Wall, ProcessUsage Cpu, long PeakResident)
{
    public double RowsPerSecond => Rows / Wall.TotalSeconds;

    /// <summary>Microseconds of the benchmark process's CPU per row: what the path costs on the writing side.</summary>
    public double BenchMicrosecondsPerRow => Cpu.Bench.TotalMicroseconds / Rows;

    public static Measurement Sum(string path, string table, IReadOnlyList<Measurement> parts) =>
        new(path, table, parts.Sum(p => p.Rows), TimeSpan.FromTicks(parts.Sum(p => p.Wall.Ticks)),
            new ProcessUsage(
                TimeSpan.FromTicks(parts.Sum(p => p.Cpu.Bench.Ticks)),
                TimeSpan.FromTicks(parts.Sum(p => p.Cpu.Azurite.Ticks)),
                TimeSpan.FromTicks(parts.Sum(p => p.Cpu.Machine.Ticks))),
            parts.Max(p => p.PeakResident));

    public static async Task<Measurement> TimeAsync(string path, string table, Func<Task<long>> pass)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        ProcessUsage.ResetPeak();
        var before = ProcessUsage.Now();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rows = await pass();
        var wall = clock.Elapsed;
        return new Measurement(path, table, rows, wall, ProcessUsage.Now() - before, ProcessUsage.PeakResident());
    }
}
