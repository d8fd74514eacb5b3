namespace Workflow.Domain.Standards;

/// <summary>The rule sets shipped with the system (Standards/RuleSets/*.json), one per county and year.</summary>
public static class StandardCatalog
{
    private static readonly Lazy<IReadOnlyList<StandardRuleSet>> Shipped =
        new(() => EmbeddedData.ReadAll<StandardRuleSet>("Standards.RuleSets").Select(r => r.Checked()).ToList());

    public static IReadOnlyList<StandardRuleSet> All => Shipped.Value;

    public static StandardRuleSet For(string countyCode, int year) =>
        All.SingleOrDefault(r => r.CountyCode == countyCode && r.Year == year)
        ?? throw new StandardNotAvailableException(countyCode, year);
}
