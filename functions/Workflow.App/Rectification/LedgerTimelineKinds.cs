namespace Workflow.App.Rectification;

/// <summary>The kinds of an item's timeline entries (the entries are the exit cases' <see cref="Exits.TimelineEntry"/>).</summary>
public static class LedgerTimelineKinds
{
    public const string Entered = "entered";
    public const string Assigned = "assigned";
    public const string Submitted = "submitted";
    public const string AwaitingVerification = "awaiting-verification";
    public const string SentBack = "sent-back";
    public const string Closed = "closed";
    public const string Supervised = "supervised";
    public const string Summoned = "summoned";
}
