using Workflow.Domain.Rectification;

namespace Workflow.App.Rectification;

/// <summary>
/// Who an item's notifications go to, written role@place like every recipient: the responsible unit by its name at
/// its township (or the county, for a county-wide finding), e.g. 县教育局@220881; the county office's officer, who
/// verifies, at the county.
/// </summary>
public static class RectificationRecipients
{
    public static string Unit(RectificationItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return $"{item.Finding.ResponsibleUnit}@{item.Finding.TownshipCode ?? item.CountyCode}";
    }

    public static string CountyVerifier(RectificationItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return $"CountyOfficer@{item.CountyCode}";
    }
}
