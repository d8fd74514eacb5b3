using Workflow.Domain.Register;
using Workflow.App.Projects;

namespace Workflow.App.Analytics.Sources;

/// <summary>
/// What the project facts share: a project keeps its township and village by name (as the county proposed it), so
/// their keys are found in the county's directory; and its latest quarter, the one the ledger flags.
/// </summary>
internal static class ProjectPlaces
{
    public static (string? Township, string? Village) Keys(County county, PovertyProject project)
    {
        var township = county.Townships.FirstOrDefault(t => t.Name == project.Township);
        var village = township?.Villages.FirstOrDefault(v => v.Name == project.Village);
        return (township is null ? null : ExportScope.Partition(county.Code, township.Code), village is null ? null : ExportScope.Partition(county.Code, village.Code));
    }

    public static ProjectQuarterRecord? Latest(ProjectRecord record) => record.Quarters.MaxBy(q => (q.Yield.Quarter.Year, q.Yield.Quarter.Quarter));
}
