namespace Workflow.App.Notifications;

/// <summary>
/// A message for one person about one subject: what is awaited of them or what happened, with the link to
/// act on. The id is chosen by the sender so that recording the same notification twice keeps one.
/// </summary>
public sealed record NotificationMessage(
    string Id,
    string Kind,
    string Subject,
    string Recipient,
    string Title,
    string Text,
    Uri? Link,
    DateTimeOffset CreatedAt,
    string? Email = null);

/// <summary>The kinds of domain events that notify someone; each becomes the CloudEvent type <c>cn.fupin.workflow.{kind}</c>.</summary>
public static class NotificationKinds
{
    public const string DecisionAwaited = "decision-awaited";
    public const string Reminder = "reminder";
    public const string Escalated = "escalated";
    public const string CaseApproved = "case-approved";
    public const string CaseRejected = "case-rejected";
    public const string ObjectionFiled = "objection-filed";
    public const string NoticeStarted = "notice-started";
    public const string CaseWithdrawn = "case-withdrawn";
    public const string RectificationAssigned = "rectification-assigned";
    public const string RectificationSubmitted = "rectification-submitted";
    public const string RectificationSentBack = "rectification-sent-back";
    public const string RectificationClosed = "rectification-closed";
    public const string RectificationSupervised = "rectification-supervised";
    public const string RectificationSummoned = "rectification-summoned";
    public const string PhaseStarted = "phase-started";
    public const string PhaseEnding = "phase-ending";
    public const string TaskAssigned = "task-assigned";
    public const string TaskDue = "task-due";
    public const string TaskOverdue = "task-overdue";

    public const string TypePrefix = "cn.fupin.workflow.";
}
