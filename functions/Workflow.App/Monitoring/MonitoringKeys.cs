using Workflow.Domain.Monitoring;

namespace Workflow.App.Monitoring;

/// <summary>
/// The names of monthly monitoring: one round per county and month (a deterministic id, so starting twice starts once),
/// the checks' partition of that round, and the subject a check link is for.
/// </summary>
public static class MonitoringKeys
{
    public static string InstanceId(string countyCode, MonitoringMonth month) => $"monitoring-{countyCode}-{month.Key}";

    /// <summary>The round's partition in the checks table.</summary>
    public static string Partition(string countyCode, MonitoringMonth month) => $"{countyCode}-{month.Key}";

    /// <summary>A check link's subject: one household in one round ({county}-{yyyyMM}-{户编号}).</summary>
    public static string Subject(string countyCode, MonitoringMonth month, string householdNumber) => $"{countyCode}-{month.Key}-{householdNumber}";

    /// <summary>The county, month and household of a check link's subject; null for a subject that is not one.</summary>
    public static (string County, MonitoringMonth Month, string Household)? ReadSubject(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var parts = subject.Split('-', 3);
        return parts.Length == 3 && parts[0].Length == 6 && parts[0].All(char.IsAsciiDigit) && MonitoringMonth.TryParse(parts[1], out var month) && parts[2].Length > 0
            ? (parts[0], month, parts[2])
            : null;
    }

    /// <summary>The county's monitoring view of the console, linked from the township's notifications.</summary>
    public static string ConsolePath(string countyCode, MonitoringMonth month) =>
        $"/console/monitoring?county={Uri.EscapeDataString(countyCode)}&month={month.Key}";
}
