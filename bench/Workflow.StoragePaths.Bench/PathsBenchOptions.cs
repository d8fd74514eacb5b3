using System.Globalization;

namespace Workflow.StoragePaths.Bench;

/// <summary>The command line.</summary>
/// <param name="Rows">Rows (one per household member) of the register file imported.</param>
/// <param name="Decisions">Decision links opened and submitted at each concurrency level.</param>
internal sealed record PathsBenchOptions(string OldDll, string NewDll, int Rounds, int Rows, int Decisions, string? Out, bool Quick)
{
    /// <summary>Concurrency levels of the decision page and its POST.</summary>
    public static readonly int[] Concurrency = [1, 8];

    public const int MinRows = 500;

    public const string Usage =
        """
        Workflow.StoragePaths.Bench: the app's storage-heavy paths on two builds, alternating, each on a fresh Azurite.
          --old DLL        Workflow.Host.dll of the old build (e.g. main: the REST storage client)
          --new DLL        Workflow.Host.dll of the new build (the Azure SDK clients)
          --rounds N       rounds, each running both builds, which goes first alternating (default 3)
          --rows N         rows of the register file imported (default 10,000)
          --decisions N    decision links opened and submitted at each concurrency level, 1 and 8 (default 100)
          --out FILE       also write the report as markdown to FILE
          --quick          smoke run: 1 round, 1,000 rows, 20 decisions a level
        """;

    /// <returns>The options, or null (with the reason written to stderr) when the command line is wrong.</returns>
    public static PathsBenchOptions? Parse(IReadOnlyList<string> args)
    {
        string? oldDll = null, newDll = null, output = null;
        int? rounds = null, rows = null, decisions = null;
        var quick = false;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--old" when value is not null:
                    oldDll = Path.GetFullPath(value);
                    i++;
                    break;
                case "--new" when value is not null:
                    newDll = Path.GetFullPath(value);
                    i++;
                    break;
                case "--out" when value is not null:
                    output = Path.GetFullPath(value);
                    i++;
                    break;
                case "--rounds" when Positive(value) is { } n:
                    rounds = n;
                    i++;
                    break;
                case "--rows" when Positive(value) is { } n && n >= MinRows:
                    rows = n;
                    i++;
                    break;
                case "--decisions" when Positive(value) is { } n && n <= 400:
                    decisions = n;
                    i++;
                    break;
                case "--quick":
                    quick = true;
                    break;
                default:
                    return Refuse($"Unexpected argument '{args[i]}' (--rows takes at least {MinRows}, --decisions at most 400).");
            }
        }

        if (oldDll is null || newDll is null)
        {
            return Refuse("Both --old and --new are needed.");
        }

        foreach (var dll in new[] { oldDll, newDll }.Where(d => !File.Exists(d)))
        {
            return Refuse($"No app build at {dll}: run 'dotnet build functions/Workflow.App -c Release' in that worktree.");
        }

        return new PathsBenchOptions(oldDll, newDll, rounds ?? (quick ? 1 : 3), rows ?? (quick ? 1_000 : 10_000), decisions ?? (quick ? 20 : 100), output, quick);
    }

    private static PathsBenchOptions? Refuse(string reason)
    {
        Console.Error.WriteLine(reason);
        Console.Error.WriteLine(Usage);
        return null;
    }

    private static int? Positive(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
