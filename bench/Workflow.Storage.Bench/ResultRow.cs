namespace Workflow.Storage.Bench;

/// <summary>One cell of the results: every timed round of both callers, and the median round of each.</summary>
internal sealed record ResultRow(string Operation, int Concurrency, IReadOnlyList<Measurement> ClientRounds, IReadOnlyList<Measurement> BaselineRounds)
{
    /// <summary>The client's round with the median throughput, reported whole (its own p50 and p95).</summary>
    public Measurement Client => Median(ClientRounds);

    /// <inheritdoc cref="Client"/>
    public Measurement Baseline => Median(BaselineRounds);

    /// <summary>Baseline throughput over client throughput: 1.00 is no overhead, 1.10 is the client 10 % slower.</summary>
    public double Ratio => Baseline.OpsPerSecond / Client.OpsPerSecond;

    /// <summary>The larger of the two callers' round-to-round spread, (max − min) / median: how much noise the cell saw.</summary>
    public double Spread => Math.Max(SpreadOf(ClientRounds), SpreadOf(BaselineRounds));

    /// <summary>Median over the rounds of this process's CPU time per operation, microseconds.</summary>
    public double ClientCpu => MedianOf(ClientRounds, m => m.CpuMicroseconds);

    /// <inheritdoc cref="ClientCpu"/>
    public double BaselineCpu => MedianOf(BaselineRounds, m => m.CpuMicroseconds);

    /// <summary>Median over the rounds of the managed bytes allocated per operation.</summary>
    public double ClientAllocated => MedianOf(ClientRounds, m => m.AllocatedBytes);

    /// <inheritdoc cref="ClientAllocated"/>
    public double BaselineAllocated => MedianOf(BaselineRounds, m => m.AllocatedBytes);

    private static Measurement Median(IReadOnlyList<Measurement> rounds) =>
        rounds.OrderBy(m => m.OpsPerSecond).ElementAt(rounds.Count / 2);

    private static double MedianOf(IReadOnlyList<Measurement> rounds, Func<Measurement, double> value) =>
        rounds.Select(value).Order().ElementAt(rounds.Count / 2);

    private static double SpreadOf(IReadOnlyList<Measurement> rounds) =>
        (rounds.Max(m => m.OpsPerSecond) - rounds.Min(m => m.OpsPerSecond)) / Median(rounds).OpsPerSecond;
}
