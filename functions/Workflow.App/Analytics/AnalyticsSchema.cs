using Workflow.App.Analytics.Sources;

namespace Workflow.App.Analytics;

/// <summary>
/// The star schema for Power BI, in export order: the one list the Azure tables, the CSV snapshots, the OData feed,
/// the README and the TMDL check are all held to. A new table is a source class with its definition, one line here
/// and one line in <see cref="AnalyticsServices"/>.
/// </summary>
public static class AnalyticsSchema
{
    public static IReadOnlyList<ExportTable> Tables { get; } =
    [
        DateDimension.Definition,
        TownshipDimension.Definition,
        VillageDimension.Definition,
        HouseholdDimension.Definition,
        PhaseDimension.Definition,
        PlanTaskDimension.Definition,
        UnitDimension.Definition,
        ExitCaseFacts.Definition,
        ExitStepFacts.Definition,
        IndicatorResultFacts.Definition,
        RectificationItemFacts.Definition,
        TownshipScoreFacts.Definition,
        PhaseTransitionFacts.Definition,
        TaskProgressReportFacts.Definition,
        EntryCaseFacts.Definition,
        MonitoringCheckFacts.Definition,
        MonitoringAlertFacts.Definition,
        MonthlyChangeFacts.Definition,
        FundAllocationFacts.Definition,
        DisbursementStepFacts.Definition,
        ProjectFacts.Definition,
        ProjectQuarterFacts.Definition,
        LoanFacts.Definition,
    ];

    public static ExportTable? Find(string name) => Tables.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
