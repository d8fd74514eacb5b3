namespace Workflow.App.Campaigns;

/// <summary>One line of a campaign's history (transitions and what was sent), in the order it happened.</summary>
/// <param name="Key">Deterministic per event, so an activity that runs twice writes the line once.</param>
/// <param name="Reason">An override's written reason, kept apart from the text (which names the official) for the Power BI export.</param>
/// <param name="Blockers">How many unmet conditions an override went past.</param>
public sealed record CampaignTimelineEntry(
    DateTimeOffset At, int Order, string Key, string Kind, string? Phase, string Text, string? Actor = null, string? Version = null, string? Reason = null, int? Blockers = null);

/// <summary>The kinds of campaign history lines.</summary>
public static class CampaignTimelineKinds
{
    public const string PhaseStarted = "phase-started";
    public const string PhaseEnding = "phase-ending";
    public const string TaskDue = "task-due";
    public const string TaskOverdue = "task-overdue";
    public const string Reported = "task-reported";
    public const string Advanced = "advanced";
    public const string AdvanceRefused = "advance-refused";
    public const string Overridden = "gate-overridden";
    public const string Completed = "campaign-completed";
}
