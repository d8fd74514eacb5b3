using System.Runtime.InteropServices;
using Workflow.Domain.Exits;
using Workflow.Testing.Exits;

namespace Workflow.Exits.Bench;

/// <summary>Prints the run's figures and, last, the targets with met or not met.</summary>
internal static class ExitReport
{
    public static readonly TimeSpan MaxWall = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxP95 = TimeSpan.FromSeconds(1);

    /// <summary>Decisions whose next step follows at once; county approval is followed by closing notices that carry no link.</summary>
    private static readonly string[] MeasuredSteps = [ExitProcedure.Appraisal, ExitProcedure.Verification, ExitProcedure.Consent, ExitProcedure.TownshipReview];

    private static readonly Dictionary<string, string> NextStep = new(StringComparer.Ordinal)
    {
        [ExitProcedure.Appraisal] = ExitProcedure.Verification,
        [ExitProcedure.Verification] = ExitProcedure.Consent,
        [ExitProcedure.Consent] = "notice (its objection link)",
        [ExitProcedure.TownshipReview] = ExitProcedure.CountyApproval,
    };

    public static void Header(ExitBenchOptions options)
    {
        var reading = options.ReadingTime > TimeSpan.Zero ? $"each opening a link's page and reading it {options.ReadingTime.TotalMilliseconds:0} ms before submitting" : "each opening a link's page and submitting at once";
        Console.WriteLine($"Workflow.Exits.Bench: {options.Households} household exits through all 7 steps, {options.Approvers} scripted approvers {reading}, " +
                          $"the app (Workflow.Host.dll) as a separate process on Azurite, notice period 2 s");
        Console.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, load average at start {ProcessCpu.LoadAverage()}");
        Console.WriteLine();
    }

    /// <returns>True when both targets are met and every case ended approved.</returns>
    public static bool Print(ExitRunResult run)
    {
        var m = run.Measured;
        var minutes = m.Wall.TotalMinutes;
        var all = Latencies(m.Clicks, null);
        var baseline = Latencies(run.Baseline.Clicks, null);
        var total = run.Operations.Values.Sum();

        Console.WriteLine();
        Console.WriteLine($"1. Measured run: {m.Cases} cases started in batches of up to 1000, the {run.Baseline.Cases} baseline cases already ended");
        Console.WriteLine($"   completed correctly    {m.Approved} of {m.Cases} approved and deregistered ({m.Refused} refused at start, {m.Stuck.Count} still open at the end)");
        Console.WriteLine($"   wall time              {Format(m.Wall)} from the first batch request to the last case ended (starting took {m.StartedIn.TotalSeconds:0.0} s)");
        Console.WriteLine($"   cases per minute       {m.Approved / minutes:0.0}");
        Console.WriteLine($"   decisions submitted    {m.Clicks.Count} of the {m.Cases * 5} the cases need ({m.Clicks.Count / minutes:0} per minute; " +
                          $"{m.Clicks.Count(c => c.Attempts > 1)} sent more than once, {m.Clicks.Count(c => !c.Taken)} not taken)");
        foreach (var refused in m.Clicks.Where(c => !c.Taken).GroupBy(c => $"{c.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"} {c.Refusal}".Trim()))
        {
            Console.WriteLine($"   not taken              {refused.Count()} answered {refused.Key} (e.g. {refused.First().Link.Subject} at {refused.First().Link.Step})");
        }

        Console.WriteLine($"   CPU                    {run.Cpu.Describe(m.Wall)}");
        Console.WriteLine();
        Console.WriteLine("2. Click to the next step's notification: from the approver's POST to the robot webhook post carrying the case's next link");
        Console.WriteLine("   (the app posts every notification to a WeCom-shaped robot webhook that the approvers listen on, as their phones would be notified)");
        Console.WriteLine($"   {"step clicked",-16} {"next link",-28} {"n",6} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"baseline p50",13} {"p95",6}");
        foreach (var step in MeasuredSteps)
        {
            var (loaded, unloaded) = (Latencies(m.Clicks, step), Latencies(run.Baseline.Clicks, step));
            Console.WriteLine($"   {step,-16} {NextStep[step],-28} {loaded.Count,6} {P(loaded, 0.5),8:0} {P(loaded, 0.95),8:0} {P(loaded, 1),8:0} {P(unloaded, 0.5),13:0} {P(unloaded, 0.95),6:0}");
        }

        Console.WriteLine($"   {"all four",-16} {string.Empty,-28} {all.Count,6} {P(all, 0.5),8:0} {P(all, 0.95),8:0} {P(all, 1),8:0} {P(baseline, 0.5),13:0} {P(baseline, 0.95),6:0}");
        var answered = m.Clicks.Where(c => c.AnsweredAt is not null && MeasuredSteps.Contains(c.Link.Step)).Select(c => (c.AnsweredAt!.Value - c.FirstPostAt).TotalMilliseconds).Order().ToList();
        Console.WriteLine($"   {"of which the POST",-16} {"(click to its answer)",-28} {answered.Count,6} {P(answered, 0.5),8:0} {P(answered, 0.95),8:0} {P(answered, 1),8:0}");
        var slowest = m.Clicks.Where(c => c.ToNextLink is not null && MeasuredSteps.Contains(c.Link.Step)).OrderByDescending(c => c.ToNextLink).Take(Math.Max(1, all.Count / 20)).ToList();
        if (slowest.Count > 0)
        {
            Console.WriteLine($"   slowest 5 %            clicked between {slowest.Min(c => c.FirstPostAt).TotalSeconds:0} s and {slowest.Max(c => c.FirstPostAt).TotalSeconds:0} s of the run; " +
                              string.Join(", ", slowest.GroupBy(c => c.Link.Step).Select(g => $"{g.Key} {g.Count()}")));
        }

        Console.WriteLine($"   loaded ÷ baseline      p50 {P(all, 0.5) / P(baseline, 0.5):0.0}×, p95 {P(all, 0.95) / P(baseline, 0.95):0.0}× (baseline: {run.Baseline.Cases} cases alone, same app, same run)");
        Console.WriteLine();
        Console.WriteLine("3. Storage operations: every HTTP request the app sent to Azurite, counted by a relay between them (one request = one operation;");
        Console.WriteLine($"   an entity group transaction is one). The relay adds {run.RelayOverhead.RelayedMs - run.RelayOverhead.DirectMs:0.00} ms to a request " +
                          $"({run.RelayOverhead.DirectMs:0.00} ms direct, {run.RelayOverhead.RelayedMs:0.00} ms relayed, sequential point reads measured in this run)");
        Console.WriteLine($"   total                  {total} ({(double)total / m.Cases:0.0} per case; the approvers open each link's page, so its reads are in it)");
        if (run.Uncountable > 0)
        {
            Console.WriteLine($"   NOTE: {run.Uncountable} connections sent a chunked body; requests after it on those connections were not counted");
        }

        Console.WriteLine($"   {"kind",-44} {"count",9} {"per case",9}");
        foreach (var (kind, count) in run.Operations.OrderByDescending(o => o.Value).ThenBy(o => o.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"   {kind,-44} {count,9} {(double)count / m.Cases,9:0.00}");
        }

        Console.WriteLine();
        Console.WriteLine($"Setup (Azurite, county of {ExitRun.County.Households} households loaded) {run.SetupBeforeApp.TotalSeconds:0} s; baseline phase {Format(run.Baseline.Wall)}; " +
                          $"whole benchmark {Format(run.Total)}; load average at the end {run.LoadAverageAtEnd}");
        if (m.Stuck.Count > 0)
        {
            Console.WriteLine($"Open at the end: {string.Join(", ", m.Stuck.Take(20).Select(c => $"{c.CaseId}@{c.CurrentStep}"))}");
        }

        Console.WriteLine();
        var p95 = TimeSpan.FromMilliseconds(P(all, 0.95));
        (string Target, string Measured, bool Met)[] rows =
        [
            ($"wall time for {m.Cases} cases < {MaxWall.TotalMinutes:0} min", Format(m.Wall), m.Wall < MaxWall && m.Approved == m.Cases),
            ($"click to next notification p95 <= {MaxP95.TotalSeconds:0} s", $"{p95.TotalMilliseconds:0} ms", p95 <= MaxP95),
            ("every case approved", $"{m.Approved} / {m.Cases}", m.Approved == m.Cases),
        ];
        Console.WriteLine($"{"target",-50} {"measured",-12} result");
        foreach (var (target, measured, met) in rows)
        {
            Console.WriteLine($"{target,-50} {measured,-12} {(met ? "met" : "NOT MET")}");
        }

        return rows.All(r => r.Met);
    }

    private static List<double> Latencies(IEnumerable<ApproverClick> clicks, string? step) =>
        clicks.Where(c => (step is null ? MeasuredSteps.Contains(c.Link.Step) : c.Link.Step == step) && c.ToNextLink is not null)
            .Select(c => c.ToNextLink!.Value.TotalMilliseconds).Order().ToList();

    private static double P(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Format(TimeSpan t) => t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min {t.Seconds} s" : $"{t.TotalSeconds:0.0} s";
}
