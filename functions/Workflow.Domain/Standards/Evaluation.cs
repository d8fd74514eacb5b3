namespace Workflow.Domain.Standards;

/// <summary>A group of indicators evaluated together, in the rule set's order.</summary>
public sealed class Evaluation
{
    internal Evaluation(IReadOnlyList<IndicatorResult> results) => Results = results;

    public IReadOnlyList<IndicatorResult> Results { get; }

    public bool AllPassed => Results.All(r => r.Passed);

    public IReadOnlyList<IndicatorResult> Failing => Results.Where(r => !r.Passed).ToList();

    public IndicatorResult this[string code] =>
        Results.FirstOrDefault(r => r.Indicator.Code == code)
        ?? throw new KeyNotFoundException($"No indicator {code} in this evaluation.");

    internal static Evaluation Of(IEnumerable<Indicator> indicators, Func<Indicator, Measurement> measure) =>
        new(indicators.Select(indicator =>
        {
            var value = measure(indicator);
            return new IndicatorResult(indicator, value, indicator.Threshold.IsMetBy(value));
        }).ToList());
}
