using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Workflow.StoragePaths.Bench;

/// <summary>
/// The report: per figure, the old and new build's value in each round and the median over the rounds of new ÷ old
/// (each round's pair ran back to back, so the ratio is taken within a round first). Printed as a plain table and,
/// with --out, written as markdown. Nothing is judged: below 1 the new build was faster.
/// </summary>
internal static class PathsReport
{
    public static void Header(PathsBenchOptions options)
    {
        foreach (var line in HeaderLines(options))
        {
            Console.WriteLine(line);
        }

        Console.WriteLine();
    }

    /// <returns>True when every run finished (the figures are never judged).</returns>
    public static bool Print(PathsBenchOptions options, RoundsResult result)
    {
        var figures = Figures.All(options, result.Register.Rows);
        var columns = Enumerable.Range(1, options.Rounds).SelectMany(r => new[] { (Round: r, Build: PathsRounds.Old), (Round: r, Build: PathsRounds.New) }).ToList();
        var headers = new List<string> { "figure", "unit" };
        headers.AddRange(columns.Select(c => $"r{c.Round} {c.Build}"));
        headers.Add("new/old");
        var rows = figures.Select(figure =>
        {
            var cells = new List<string> { figure.Label, figure.Unit };
            cells.AddRange(columns.Select(c => Format(Value(result, c.Round, c.Build, figure.Key), figure.Unit)));
            var ratios = Enumerable.Range(1, options.Rounds)
                .Select(r => (Old: Value(result, r, PathsRounds.Old, figure.Key), New: Value(result, r, PathsRounds.New, figure.Key)))
                .Where(p => p.Old is > 0 && p.New is not null)
                .Select(p => p.New!.Value / p.Old!.Value)
                .ToList();
            cells.Add(ratios.Count == 0 ? "-" : Median(ratios).ToString("0.00", CultureInfo.InvariantCulture));
            return cells;
        }).ToList();

        var notes = new List<string>
        {
            $"Rounds: {string.Join("; ", Enumerable.Range(1, options.Rounds).Select(r => $"{r}: {string.Join(" then ", PathsRounds.OrderOf(r))}"))}. " +
            "new/old is the median over the rounds of each round's new ÷ old (below 1: the new build was faster).",
            $"Register file: {result.Register.Rows:N0} rows, {result.Register.Households:N0} households new to the demo county, {result.Register.Csv.Length:N0} bytes (CSV, UTF-8).",
            $"Load average {result.LoadAtStart} at the start, {result.LoadAtEnd} at the end; the whole benchmark took {result.Total.TotalMinutes:0.0} min.",
        };
        notes.AddRange(result.Runs.Where(r => r.Failure is not null).Select(r => $"round {r.Round} {r.Build}: FAILED: {r.Failure}"));
        notes.AddRange(result.Runs.SelectMany(r => r.Notes.Select(n => $"round {r.Round} {r.Build}: {n}")));

        Console.WriteLine();
        foreach (var line in Plain(headers, rows))
        {
            Console.WriteLine(line);
        }

        Console.WriteLine();
        foreach (var note in notes)
        {
            Console.WriteLine(note);
        }

        if (options.Out is { } path)
        {
            File.WriteAllText(path, Markdown(options, headers, rows, notes));
            Console.WriteLine($"Written to {path}");
        }

        return result.Runs.All(r => r.Failure is null);
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static IEnumerable<string> HeaderLines(PathsBenchOptions options) =>
    [
        $"Workflow.StoragePaths.Bench: {options.Rounds} round(s), {options.Rows:N0}-row register import, {options.Decisions} decision links a concurrency level " +
        $"({string.Join(" and ", PathsBenchOptions.Concurrency)}), each build on a fresh Azurite{(options.Quick ? " (quick)" : string.Empty)}",
        $"old: {options.OldDll} ({Commit(options.OldDll)})",
        $"new: {options.NewDll} ({Commit(options.NewDll)})",
        $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, load average {LoadAverage()}, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}",
    ];

    private static double? Value(RoundsResult result, int round, string build, string key) =>
        result.Runs.FirstOrDefault(r => r.Round == round && r.Build == build)?.Values.TryGetValue(key, out var value) == true && !double.IsNaN(value) ? value : null;

    private static string Format(double? value, string unit) =>
        value is not { } v ? "-" : v.ToString(unit == "ms" ? "0.0" : "0.00", CultureInfo.InvariantCulture);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static IEnumerable<string> Plain(List<string> headers, List<List<string>> rows)
    {
        var widths = headers.Select((h, i) => Math.Max(Width(h), rows.Max(r => Width(r[i])))).ToList();
        string Line(List<string> cells) => string.Join("  ", cells.Select((c, i) => i == 0 ? c + new string(' ', widths[i] - Width(c)) : new string(' ', widths[i] - Width(c)) + c));
        return [Line(headers), .. rows.Select(Line)];
    }

    // Labels are ASCII apart from the odd ×; a wide character would take two columns.
    private static int Width(string text) => text.Length;

    private static string Markdown(PathsBenchOptions options, List<string> headers, List<List<string>> rows, List<string> notes)
    {
        var text = new StringBuilder();
        text.AppendLine("# Storage paths: old and new build of the app").AppendLine();
        foreach (var line in HeaderLines(options))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| {string.Join(" | ", headers)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"|{string.Join("|", headers.Select((_, i) => i < 2 ? "---" : "---:"))}|");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {string.Join(" | ", row)} |");
        }

        text.AppendLine();
        foreach (var note in notes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }

        return text.ToString();
    }

    /// <summary>The commit of the worktree the build is in, when it is in one.</summary>
    private static string Commit(string dll)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", Path.GetDirectoryName(dll)!, "log", "-1", "--format=%h %s"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var git = Process.Start(start)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && output.Length > 0 ? "commit " + (output.Length > 80 ? output[..80] + "…" : output) : "commit unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "commit unknown";
        }
    }
}
