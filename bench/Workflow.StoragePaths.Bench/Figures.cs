using System.Globalization;

namespace Workflow.StoragePaths.Bench;

/// <summary>A figure of the report: its key in <see cref="BuildRun.Values"/>, what it is, and its unit (s or ms).</summary>
internal sealed record Figure(string Key, string Label, string Unit);

/// <summary>The figures every run records, in the report's order.</summary>
internal static class Figures
{
    public const string Start = "start";
    public const string Import = "import";
    public const string Batch = "batch";
    public const string Get = "GET";
    public const string Post = "POST";
    public const string P50 = "p50";
    public const string P95 = "p95";
    public const string Total = "total";
    public const string Export = "export";
    public const string ExportAgain = "export-again";

    public static string Key(string kind, int concurrency, string statistic) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}-{concurrency}-{statistic}");

    public static IReadOnlyList<Figure> All(PathsBenchOptions options, int rows)
    {
        var list = new List<Figure>
        {
            new(Start, $"0. app start, demo county loaded ({SyntheticRegister.Demo.Households:N0} households)", "s"),
            new(Import, $"1. register import ({rows:N0} rows)", "s"),
            new(Batch, $"2. exits batch start ({(options.Decisions * PathsBenchOptions.Concurrency.Length) + 1} cases)", "s"),
        };
        foreach (var concurrency in PathsBenchOptions.Concurrency)
        {
            foreach (var (kind, what) in new[] { (Get, "decision page GET"), (Post, "decision POST") })
            {
                list.Add(new(Key(kind, concurrency, P50), $"2. {what} x{options.Decisions}, c={concurrency}, p50", "ms"));
                list.Add(new(Key(kind, concurrency, P95), $"2. {what} x{options.Decisions}, c={concurrency}, p95", "ms"));
                list.Add(new(Key(kind, concurrency, Total), $"2. {what} x{options.Decisions}, c={concurrency}, total", "s"));
            }
        }

        list.Add(new(Export, "3. Power BI export, first (every row written)", "s"));
        list.Add(new(ExportAgain, "3. Power BI export again (nothing changed)", "s"));
        return list;
    }
}
