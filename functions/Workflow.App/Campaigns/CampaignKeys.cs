using System.Globalization;

namespace Workflow.App.Campaigns;

/// <summary>
/// The names of a campaign year: one orchestration per county and year (a deterministic id, so starting twice starts
/// once), its partition in the campaign tables, and its tasks' ids (the plan's order, so an id never changes with the
/// document's numbering).
/// </summary>
public static class CampaignKeys
{
    public static string InstanceId(string countyCode, int year) => string.Create(CultureInfo.InvariantCulture, $"campaign-{countyCode}-{year}");

    /// <summary>What every instance id of the county's campaigns begins with (county codes are six digits, so no other county's).</summary>
    public static string InstancePrefix(string countyCode) => $"campaign-{countyCode}-";

    /// <summary>The year of one of the county's campaign instances, or null for an id that is not one.</summary>
    public static int? YearOf(string countyCode, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var prefix = InstancePrefix(countyCode);
        return instanceId.StartsWith(prefix, StringComparison.Ordinal)
               && int.TryParse(instanceId.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            ? year
            : null;
    }

    public static string Partition(string countyCode, int year) => string.Create(CultureInfo.InvariantCulture, $"{countyCode}-{year}");

    /// <summary>The id of the plan's task at <paramref name="index"/> (0-based): the evidence subject and the report link's subject.</summary>
    public static string TaskId(string countyCode, int year, int index) => string.Create(CultureInfo.InvariantCulture, $"{countyCode}-{year}-t{index + 1:D2}");

    /// <summary>The campaign board of the console, linked from the office's notifications.</summary>
    public static string BoardPath(string countyCode, int year) =>
        string.Create(CultureInfo.InvariantCulture, $"/console?county={Uri.EscapeDataString(countyCode)}&year={year}");
}
