namespace Workflow.App.Monitoring.Orchestration;

/// <summary>The external events of a monthly round.</summary>
public static class MonitoringEvents
{
    /// <summary>A household's check was filed (it may come twice: a redelivered check).</summary>
    public const string CheckRecorded = "CheckRecorded";
}

/// <param name="HouseholdNumber">户编号 of the household whose check was filed.</param>
public sealed record CheckRecordedEvent(string HouseholdNumber);
