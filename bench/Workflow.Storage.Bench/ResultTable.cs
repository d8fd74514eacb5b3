using System.Globalization;

namespace Workflow.Storage.Bench;

/// <summary>
/// Prints the results: throughput and latency of both callers with the overhead ratio, then what each operation cost
/// this process (CPU and allocations), then a one-line verdict on the worst ratio.
/// </summary>
internal static class ResultTable
{
    public const double TargetRatio = 1.10;

    public static void Print(IReadOnlyList<ResultRow> rows, TextWriter output)
    {
        Line(output, "{0,-22} {1,4} | {2,8} {3,7} {4,7} | {5,8} {6,7} {7,7} | {8,5} {9,6} | {10,7} {11,7} {12,8} {13,8}",
            "operation", "conc", "client/s", "p50 ms", "p95 ms", "base/s", "p50 ms", "p95 ms", "ratio", "spread",
            "cli us", "base us", "cli KiB", "base KiB");
        Line(output, "{0,-22} {1,4} | {2,24} | {3,24} | {4,12} | {5,33}",
            string.Empty, string.Empty, "client (median round)", "baseline (median round)", "base/s:cli/s", "CPU and allocation per op (median)");
        var rule = new string('-', 146);
        output.WriteLine(rule);
        foreach (var row in rows)
        {
            Line(output, "{0,-22} {1,4} | {2,8:F0} {3,7:F2} {4,7:F2} | {5,8:F0} {6,7:F2} {7,7:F2} | {8,5:F2} {9,6:P0} | {10,7:F0} {11,7:F0} {12,8:F2} {13,8:F2}",
                row.Operation, row.Concurrency,
                row.Client.OpsPerSecond, row.Client.P50, row.Client.P95,
                row.Baseline.OpsPerSecond, row.Baseline.P50, row.Baseline.P95,
                row.Ratio, row.Spread,
                row.ClientCpu, row.BaselineCpu, row.ClientAllocated / 1024, row.BaselineAllocated / 1024);
        }

        output.WriteLine(rule);
        var worst = rows.MaxBy(r => r.Ratio)!;
        Line(output,
            "Worst overhead ratio (baseline ops/s / client ops/s): {0:F2} for {1} at concurrency {2} (round spread {3:P0}); target <= {4:F2}: {5}.",
            worst.Ratio, worst.Operation, worst.Concurrency, worst.Spread, TargetRatio, worst.Ratio <= TargetRatio ? "met" : "NOT met");
    }

    private static void Line(TextWriter output, string format, params object[] values) =>
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, format, values));
}
