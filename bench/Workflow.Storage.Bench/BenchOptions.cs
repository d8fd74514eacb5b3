using System.Globalization;

namespace Workflow.Storage.Bench;

/// <summary>The command line: <c>[--ops N] [--rounds N] [--quick] [--lean] [--replay-only] [--only TEXT] [--aa]</c>.</summary>
internal sealed record BenchOptions(int? Operations, int Rounds, bool Lean, int ReplayCalls, int ReplayRounds, bool ReplayOnly, string? Only, bool AaTest)
{
    public static readonly int[] Concurrencies = [1, 8, 32];

    public const string Usage =
        """
        Workflow.Storage.Bench: our storage clients against a raw HttpClient making the identical REST calls, on a private Azurite.
          --ops N      operations per timed round (default: 4000 for table operations and queue send, 2000 for
                       queue delete, 1000 for queue receive; rounds of a second or more)
          --rounds N   timed rounds per caller, alternating client and baseline; the median round is reported (default 5)
          --quick      smoke run: 100 operations per round, 1 round, short warm-up
          --lean       build the client with logging and distributed tracing switched off (to see what they cost)
          --replay-only  stop after the wire check and the replay profiles (the caller's own cost per call, no Azurite timing)
          --only TEXT  time only the operations whose name contains TEXT (e.g. --only receive)
          --aa         A/A run: the client on both sides, to see the noise floor (any ratio away from 1.00 is noise)
        """;

    /// <summary>Calls per timed round of <paramref name="operation"/>.</summary>
    public int OperationsFor(BenchOperation operation) => Operations ?? operation.DefaultOperations;

    /// <returns>The options, or null when the usage was asked for or the command line is wrong (the reason on stderr).</returns>
    public static BenchOptions? Parse(IReadOnlyList<string> args)
    {
        int? operations = null;
        int? rounds = null;
        var quick = false;
        var lean = false;
        var replayOnly = false;
        string? only = null;
        var aa = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--ops" when i + 1 < args.Count && Positive(args[i + 1]) is { } n:
                    operations = n;
                    i++;
                    break;
                case "--rounds" when i + 1 < args.Count && Positive(args[i + 1]) is { } n:
                    rounds = n;
                    i++;
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--lean":
                    lean = true;
                    break;
                case "--replay-only":
                    replayOnly = true;
                    break;
                case "--aa":
                    aa = true;
                    break;
                case "--only" when i + 1 < args.Count:
                    only = args[++i];
                    break;
                case "--help" or "-h":
                    Console.WriteLine(Usage);
                    return null;
                default:
                    Console.Error.WriteLine($"Unexpected argument '{args[i]}'.");
                    Console.Error.WriteLine(Usage);
                    return null;
            }
        }

        return new BenchOptions(
            Operations: operations ?? (quick ? 100 : null),
            Rounds: rounds ?? (quick ? 1 : 5),
            Lean: lean,
            ReplayCalls: quick ? 1000 : 5000,
            ReplayRounds: quick ? 1 : 5,
            ReplayOnly: replayOnly,
            Only: only,
            AaTest: aa);
    }

    private static int? Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
