namespace Workflow.App.Campaigns;

/// <summary>
/// Who the campaign notifies, written role@place like the exit recipients: the county office, and a lead unit
/// (牵头单位) as <c>LeadUnit@{county}:{unit}</c>. Units have no sign-in; the notification channels map the address to
/// the unit's contact, and the unit acts only through the links it is sent.
/// </summary>
public static class CampaignRecipients
{
    public const string LeadUnitRole = "LeadUnit";

    public static string Office(string countyCode) => $"CountyOfficer@{countyCode}";

    public static string LeadUnit(string countyCode, string unit) => $"{LeadUnitRole}@{countyCode}:{unit}";

    /// <summary>The unit named in a lead-unit address (a report link's holder).</summary>
    public static string UnitOf(string holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var colon = holder.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? holder : holder[(colon + 1)..];
    }
}
