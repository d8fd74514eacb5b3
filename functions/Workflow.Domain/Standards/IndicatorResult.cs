namespace Workflow.Domain.Standards;

/// <summary>One indicator evaluated: the value found, the threshold it was held against, and the evidence to collect.</summary>
public sealed record IndicatorResult(Indicator Indicator, Measurement Value, bool Passed)
{
    public Threshold Threshold => Indicator.Threshold;

    public IReadOnlyList<string> Evidence => Indicator.Evidence;
}
