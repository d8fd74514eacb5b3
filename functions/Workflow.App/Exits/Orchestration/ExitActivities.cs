namespace Workflow.App.Exits.Orchestration;

/// <summary>The names the exit activities are registered under.</summary>
public static class ExitActivities
{
    public const string OpenStep = "ExitOpenStep";
    public const string Remind = "ExitRemind";
    public const string Escalate = "ExitEscalate";
    public const string RecordDecision = "ExitRecordDecision";
    public const string OpenNotice = "ExitOpenNotice";
    public const string RecordObjection = "ExitRecordObjection";
    public const string AppendTimeline = "ExitAppendTimeline";
    public const string Deregister = "ExitDeregister";
    public const string Close = "ExitClose";
}
