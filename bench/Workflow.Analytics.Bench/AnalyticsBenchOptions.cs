using System.Globalization;

namespace Workflow.Analytics.Bench;

/// <summary>The command line: the row counts of the CSV paths (full scale by default) and of the table path.</summary>
internal sealed record AnalyticsBenchOptions(int Register, int Steps, int TableRegister, int TableSteps, int Seed)
{
    public const int FullRegister = 1_000_000;
    public const int FullSteps = 7_000_000;

    public const string Usage =
        """
        Workflow.Analytics.Bench: the Power BI export of synthetic register rows (DimHousehold) and step facts (FactExitStep).
          --register N         register rows for the CSV paths (default 1,000,000)
          --steps N            step facts for the CSV paths (default 7,000,000)
          --table-register N   register rows for the table path to Azurite (default 1,000,000)
          --table-steps N      step facts for the table path to Azurite (default 7,000,000)
          --table-scale F      both table-path counts at F of full scale, e.g. 0.1 (100,000 + 700,000): where the full
                               scale takes too long or too much of Azurite's memory (it holds every row in memory)
          --seed N             the generator's seed (default 7)
          --quick              smoke run: 20,000 + 140,000 for the CSV paths, 2,000 + 14,000 for the table path
        """;

    /// <returns>The options, or null (with the reason written to stderr) when the command line is wrong.</returns>
    public static AnalyticsBenchOptions? Parse(IReadOnlyList<string> args)
    {
        int? register = null, steps = null, tableRegister = null, tableSteps = null;
        var seed = 7;
        var quick = false;
        double? scale = null;
        for (var i = 0; i < args.Count; i++)
        {
            var next = i + 1 < args.Count ? Positive(args[i + 1]) : null;
            switch (args[i])
            {
                case "--register" when next is { } n:
                    register = n;
                    i++;
                    break;
                case "--steps" when next is { } n:
                    steps = n;
                    i++;
                    break;
                case "--table-register" when next is { } n:
                    tableRegister = n;
                    i++;
                    break;
                case "--table-steps" when next is { } n:
                    tableSteps = n;
                    i++;
                    break;
                case "--seed" when next is { } n:
                    seed = n;
                    i++;
                    break;
                case "--table-scale" when i + 1 < args.Count && double.TryParse(args[i + 1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var f) && f is > 0 and <= 1:
                    scale = f;
                    i++;
                    break;
                case "--quick":
                    quick = true;
                    break;
                default:
                    Console.Error.WriteLine($"Unexpected argument '{args[i]}'.");
                    Console.Error.WriteLine(Usage);
                    return null;
            }
        }

        return new AnalyticsBenchOptions(
            register ?? (quick ? 20_000 : FullRegister),
            steps ?? (quick ? 140_000 : FullSteps),
            tableRegister ?? (quick ? 2_000 : Scaled(FullRegister, scale)),
            tableSteps ?? (quick ? 14_000 : Scaled(FullSteps, scale)),
            seed);
    }

    private static int Scaled(int full, double? scale) => (int)Math.Round(full * (scale ?? 1.0));

    private static int? Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
