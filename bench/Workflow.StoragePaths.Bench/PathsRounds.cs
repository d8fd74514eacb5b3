using System.Diagnostics;

namespace Workflow.StoragePaths.Bench;

/// <summary>Every round's two runs, and the register file they imported.</summary>
internal sealed record RoundsResult(SyntheticRegister Register, IReadOnlyList<BuildRun> Runs, string LoadAtStart, string LoadAtEnd, TimeSpan Total);

/// <summary>
/// The rounds: in each, the old build and then the new one (the new one first in every second round, so neither build
/// always runs on a machine just warmed or just tired by the other), each on its own fresh Azurite, killed after.
/// </summary>
internal static class PathsRounds
{
    public const string Old = "old";
    public const string New = "new";

    /// <summary>Between two runs: what the last run's processes left behind (the page cache, a dying process) settles.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(5);

    public static string[] OrderOf(int round) => round % 2 == 1 ? [Old, New] : [New, Old];

    public static async Task<RoundsResult> RunAsync(PathsBenchOptions options, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var loadAtStart = PathsReport.LoadAverage();
        var register = SyntheticRegister.Create(options.Rows);
        Console.WriteLine($"Register file: {register.Rows:N0} rows, {register.Households:N0} households ({register.DueToExit.Count:N0} not yet exited), {register.Csv.Length:N0} bytes");
        var runs = new List<BuildRun>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var build in OrderOf(round))
            {
                if (runs.Count > 0)
                {
                    await Task.Delay(Pause, cancellationToken);
                }

                runs.Add(await PathsRun.RunAsync(build, round, build == Old ? options.OldDll : options.NewDll, options, register, cancellationToken));
            }
        }

        return new RoundsResult(register, runs, loadAtStart, PathsReport.LoadAverage(), total.Elapsed);
    }
}
