namespace Workflow.App.Exits;

/// <summary>
/// One line of a case's history as every reader sees it: a step opened, a reminder, an escalation, a decision, an
/// objection, the outcome. <see cref="Sequence"/> is given by the orchestration, so a replayed activity writes the
/// same line again instead of a second one.
/// </summary>
public sealed record TimelineEntry(int Sequence, DateTimeOffset At, string Kind, string? Step, string Text, string? Actor = null);

/// <summary>The kinds of <see cref="TimelineEntry"/>.</summary>
public static class TimelineKinds
{
    public const string Started = "started";
    public const string StepOpened = "step-opened";
    public const string Reminder = "reminder";
    public const string Escalated = "escalated";
    public const string Decided = "decided";
    public const string NoticeStarted = "notice-started";
    public const string NoticePassed = "notice-passed";
    public const string ObjectionFiled = "objection-filed";
    public const string Deregistered = "deregistered";

    /// <summary>挂号 of an entry case.</summary>
    public const string Registered = "registered";
    public const string Ended = "ended";
}
