namespace Workflow.App.Entries.Orchestration;

/// <summary>The names the entry-only activities are registered under; every other step runs the exit activities.</summary>
public static class EntryActivities
{
    public const string Register = "EntryRegister";
}
