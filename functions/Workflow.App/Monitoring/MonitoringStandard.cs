using Workflow.Domain.Standards;

namespace Workflow.App.Monitoring;

/// <summary>
/// The rule set a month's checks are held against: the county's for the year, or, for a year the county has not
/// shipped a rule set for yet, its latest earlier one (a line is published for a year after the year has begun; the
/// months before it are held against last year's line rather than not checked at all). The page names which it used.
/// </summary>
public static class MonitoringStandard
{
    public static StandardRuleSet? For(string countyCode, int year) =>
        StandardCatalog.All.Where(r => r.CountyCode == countyCode && r.Year <= year).MaxBy(r => r.Year);
}
