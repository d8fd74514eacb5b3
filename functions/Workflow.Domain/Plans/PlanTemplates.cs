namespace Workflow.Domain.Plans;

/// <summary>The annual plans transcribed from the source documents (Plans/Templates/*.json), for counties to copy.</summary>
public static class PlanTemplates
{
    private static readonly Lazy<IReadOnlyList<AnnualPlan>> Shipped =
        new(() => EmbeddedData.ReadAll<AnnualPlan>("Plans.Templates"));

    public static IReadOnlyList<AnnualPlan> All => Shipped.Value;

    public static AnnualPlan For(string countyCode, int year) =>
        All.SingleOrDefault(p => p.CountyCode == countyCode && p.Year == year)
        ?? throw new KeyNotFoundException($"No plan template for county {countyCode} in {year}.");
}
