namespace Workflow.Domain.Standards;

/// <summary>贫困发生率 — registered poor people as a percentage of the rural registered population.</summary>
public static class PovertyIncidence
{
    /// <summary>In percent (2 means 2%), exact in decimal so that the 2% boundary is not blurred by rounding.</summary>
    public static decimal Percent(int poorPopulation, int ruralPopulation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(poorPopulation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ruralPopulation);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(poorPopulation, ruralPopulation);
        return poorPopulation * 100m / ruralPopulation;
    }
}
