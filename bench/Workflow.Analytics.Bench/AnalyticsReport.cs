using System.Runtime.InteropServices;

namespace Workflow.Analytics.Bench;

/// <summary>Prints the run's figures and, last, the targets with met or not met.</summary>
internal static class AnalyticsReport
{
    /// <summary>The CSV paths' target: at most twice the time of a plain CSV write of the same rows.</summary>
    public const double MaxRatio = 2.0;

    /// <summary>The first export's target: at least this share of the floor's rows per second.</summary>
    public const double MinShareOfFloor = 0.8;

    /// <summary>The unchanged re-export's target: at most this share of the first export's time.</summary>
    public const double MaxUnchangedShare = 0.1;

    public static void Header(AnalyticsBenchOptions options)
    {
        Console.WriteLine($"Workflow.Analytics.Bench: the Power BI export of synthetic DimHousehold and FactExitStep rows (seed {options.Seed}), Azurite in memory");
        Console.WriteLine($"CSV paths: {options.Register:N0} register rows + {options.Steps:N0} step facts; table path: {options.TableRegister:N0} + {options.TableSteps:N0}");
        Console.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, load average at start {ProcessUsage.LoadAverage()}");
        Console.WriteLine();
    }

    /// <returns>True when every path meets the ratio target and every check held.</returns>
    public static bool Print(AnalyticsRunResult run)
    {
        var o = run.Options;
        Console.WriteLine();
        Console.WriteLine($"1. CSV paths at {o.Register:N0} + {o.Steps:N0} rows (each table in turn; ratio = baseline rows/s ÷ path rows/s)");
        Table(run.Csv, ["DimHousehold", "FactExitStep"]);
        Console.WriteLine($"   Azurite resident memory after the snapshots: {run.AzuriteResidentAfterCsv / 1048576.0:N0} MiB (each blob was deleted after its pass)");
        Console.WriteLine();
        Console.WriteLine($"2. Table path at {o.TableRegister:N0} + {o.TableSteps:N0} rows: the floor (raw entity-group transactions of 100, 4 in flight, the same");
        Console.WriteLine("   entities through the same client), then the production AnalyticsExporter (row checks and hashes, partition digests, transactions of 100");
        Console.WriteLine("   per partition, 4 partitions at a time, and the day's CSV snapshots) into an empty Azurite, then again unchanged (ratio: to the CSV baseline)");
        Table(run.Table, ["DimHousehold", "FactExitStep"]);
        Console.WriteLine();
        Console.WriteLine("3. Checks");
        foreach (var check in run.Checks)
        {
            Console.WriteLine($"   {check}");
        }

        Console.WriteLine();
        Console.WriteLine($"Targets (ratio ≤ {MaxRatio:0.0}); load average {run.LoadBefore} at start, {run.LoadAfter} at the end; wall {run.Total.TotalMinutes:0.0} min");
        var met = true;
        foreach (var (measurements, path, table, scale) in new[]
                 {
                     (run.Csv, AnalyticsRun.CsvBlob, "total", $"{o.Register + (long)o.Steps:N0} rows"),
                     (run.Csv, AnalyticsRun.CsvFile, "total", $"{o.Register + (long)o.Steps:N0} rows"),
                 })
        {
            var ratio = Ratio(measurements, path, table);
            met &= ratio <= MaxRatio;
            Console.WriteLine($"   {path,-55} {scale,16}  ratio {ratio,7:0.00} (≤ {MaxRatio:0.0})  {(ratio <= MaxRatio ? "met" : "NOT MET")}");
        }

        var tableScale = $"{o.TableRegister + (long)o.TableSteps:N0} rows";
        var floor = Pick(run.Table, AnalyticsRun.Floor, "both")!;
        var first = Pick(run.Table, AnalyticsRun.TableFirst, "both")!;
        var unchanged = Pick(run.Table, AnalyticsRun.TableUnchanged, "both")!;
        var share = first.RowsPerSecond / floor.RowsPerSecond;
        var unchangedShare = unchanged.Wall / first.Wall;
        met &= share >= MinShareOfFloor && unchangedShare <= MaxUnchangedShare;
        Console.WriteLine($"   {"floor (raw transactions of 100)",-55} {tableScale,16}  {floor.RowsPerSecond:N0} rows/s, {floor.Wall.TotalSeconds:0.0} s");
        Console.WriteLine($"   {"first export ÷ floor, rows/s",-55} {tableScale,16}  ratio {share,7:0.00} (≥ {MinShareOfFloor:0.0})  {(share >= MinShareOfFloor ? "met" : "NOT MET")}  ({first.RowsPerSecond:N0} rows/s, {first.Wall.TotalSeconds:0.0} s)");
        Console.WriteLine($"   {"unchanged re-export ÷ first export, time",-55} {tableScale,16}  ratio {unchangedShare,7:0.000} (≤ {MaxUnchangedShare:0.0})  {(unchangedShare <= MaxUnchangedShare ? "met" : "NOT MET")}  ({unchanged.Wall.TotalSeconds:0.0} s)");

        var checksHeld = run.Checks.All(c => !c.Contains("DIFFERS", StringComparison.Ordinal) && !c.Contains("EXPECTED", StringComparison.Ordinal));
        Console.WriteLine($"   checks: {(checksHeld ? "all held" : "SOME FAILED")}");
        return met && checksHeld;
    }

    private static void Table(IReadOnlyList<Measurement> measurements, IReadOnlyList<string> tables)
    {
        Console.WriteLine($"   {"path",-55} {"table",-12} {"rows",11} {"wall s",8} {"rows/s",11} {"ratio",6} {"bench CPU s",11} {"µs/row",7} {"Azurite CPU s",13} {"peak RSS MiB",12}");
        var paths = measurements.Select(m => m.Path).Distinct().ToList();
        foreach (var table in tables.Count > 1 ? tables.Append("total") : tables)
        {
            foreach (var path in paths)
            {
                var m = Pick(measurements, path, table);
                if (m is null)
                {
                    continue;
                }

                var ratio = path == AnalyticsRun.Baseline || path == AnalyticsRun.Generate ? string.Empty : Ratio(measurements, path, table).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
                Console.WriteLine($"   {path,-55} {table,-12} {m.Rows,11:N0} {m.Wall.TotalSeconds,8:0.0} {m.RowsPerSecond,11:N0} {ratio,6} {m.Cpu.Bench.TotalSeconds,11:0.0} {m.BenchMicrosecondsPerRow,7:0.00} {m.Cpu.Azurite.TotalSeconds,13:0.0} {m.PeakResident / 1048576.0,12:N0}");
            }
        }
    }

    private static double Ratio(IReadOnlyList<Measurement> measurements, string path, string table) =>
        Pick(measurements, AnalyticsRun.Baseline, table)!.RowsPerSecond / Pick(measurements, path, table)!.RowsPerSecond;

    // "both" is the exporter's one pass over the two tables: its baseline (and floor) is the two passes together.
    private static Measurement? Pick(IReadOnlyList<Measurement> measurements, string path, string table)
    {
        var parts = measurements.Where(m => m.Path == path && (table is "total" or "both" ? true : m.Table == table)).ToList();
        return parts.Count switch
        {
            0 => null,
            1 when parts[0].Table == table || table is "total" or "both" => parts[0],
            _ => Measurement.Sum(path, table, parts),
        };
    }
}
