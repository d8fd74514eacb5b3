namespace Workflow.App.Monitoring.Orchestration;

/// <summary>The names the monitoring activities are registered under.</summary>
public static class MonitoringActivities
{
    public const string OpenRound = "MonitoringOpenRound";
    public const string RemindMissing = "MonitoringRemindMissing";
    public const string EscalateMissing = "MonitoringEscalateMissing";
}
