using System.Globalization;

namespace Workflow.Durable.Bench;

/// <summary>The command line.</summary>
internal sealed record BenchOptions(int AzuriteInstances, int InMemoryInstances, int MemoryInstances, int MemoryWaves, int Rounds)
{
    public const string Usage =
        """
        Workflow.Durable.Bench: the durable runtime on Azurite and in memory, against its targets.
          --instances N           instances in the Azurite run (default 200)
          --inmemory-instances N  instances in the in-memory throughput run (default 20000)
          --memory-instances N    instances the worker completes in the memory run, in 5 waves (default 10000)
          --rounds N              rounds of the Azurite and in-memory runs, each on fresh storage; the best is
                                  checked against the targets, all are shown (default 2)
          --quick                 smoke run: 20, 2000 and 2000 instances, 1 round
        """;

    /// <returns>The options, or null (with the reason written to stderr) when the command line is wrong.</returns>
    public static BenchOptions? Parse(IReadOnlyList<string> args)
    {
        int? azurite = null;
        int? inMemory = null;
        int? memory = null;
        int? rounds = null;
        var quick = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--instances" when i + 1 < args.Count && Positive(args[i + 1]) is { } n:
                    azurite = n;
                    i++;
                    break;
                case "--inmemory-instances" when i + 1 < args.Count && Positive(args[i + 1]) is { } n:
                    inMemory = n;
                    i++;
                    break;
                case "--memory-instances" when i + 1 < args.Count && Positive(args[i + 1]) is { } n && n % 5 == 0:
                    memory = n;
                    i++;
                    break;
                case "--rounds" when i + 1 < args.Count && Positive(args[i + 1]) is { } n:
                    rounds = n;
                    i++;
                    break;
                case "--quick":
                    quick = true;
                    break;
                default:
                    Console.Error.WriteLine($"Unexpected argument '{args[i]}' (--memory-instances takes a multiple of 5).");
                    Console.Error.WriteLine(Usage);
                    return null;
            }
        }

        return new BenchOptions(azurite ?? (quick ? 20 : 200), inMemory ?? (quick ? 2000 : 20_000), memory ?? (quick ? 2000 : 10_000), 5, rounds ?? (quick ? 1 : 2));
    }

    public static int? Positive(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
