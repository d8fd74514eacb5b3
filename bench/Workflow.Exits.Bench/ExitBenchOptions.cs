using System.Globalization;

namespace Workflow.Exits.Bench;

/// <summary>The command line.</summary>
internal sealed record ExitBenchOptions(int Households, int Approvers, TimeSpan ReadingTime, int BaselineHouseholds, TimeSpan Limit, bool HubAccount)
{
    public const string Usage =
        """
        Workflow.Exits.Bench: household exits (脱贫退出) at 禄丰 scale, the app as a separate process on Azurite.
          --households N   cases started in the measured run (default 2000; the county has 7,095 households)
          --approvers N    scripted approvers submitting at once (default 20)
          --reading-ms N   each approver opens a link's page and reads it N ms before submitting (default 0: at once)
          --quick          smoke run: 100 households
          --limit MIN      give up after this many minutes of the measured run (default 30)
          --hub-account    the task hub in a storage account of its own (Durable:Connection), a second Azurite
        """;

    /// <returns>The options, or null (with the reason written to stderr) when the command line is wrong.</returns>
    public static ExitBenchOptions? Parse(IReadOnlyList<string> args)
    {
        int? households = null;
        var approvers = 20;
        var reading = 0;
        var limit = 30;
        var quick = false;
        var hubAccount = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--households" when i + 1 < args.Count && Positive(args[i + 1]) is { } n && n <= ExitRun.MaxHouseholds:
                    households = n;
                    i++;
                    break;
                case "--approvers" when i + 1 < args.Count && Positive(args[i + 1]) is { } n:
                    approvers = n;
                    i++;
                    break;
                case "--reading-ms" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var ms):
                    reading = ms;
                    i++;
                    break;
                case "--limit" when i + 1 < args.Count && Positive(args[i + 1]) is { } n:
                    limit = n;
                    i++;
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--hub-account":
                    hubAccount = true;
                    break;
                default:
                    Console.Error.WriteLine($"Unexpected argument '{args[i]}' (--households takes 1 to {ExitRun.MaxHouseholds}).");
                    Console.Error.WriteLine(Usage);
                    return null;
            }
        }

        return new ExitBenchOptions(households ?? (quick ? 100 : 2000), approvers, TimeSpan.FromMilliseconds(reading), quick ? 3 : 5, TimeSpan.FromMinutes(limit), hubAccount);
    }

    private static int? Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
