using Workflow.Domain.Projects;
using Workflow.App.Links;
using Workflow.App.Notifications;

namespace Workflow.App.Projects;

/// <summary>
/// Sends a project's notifications: to a step's decider a capability link to decide it (/project/step/…), to a notice's
/// poster the link of the printable notice (/project-notice/…), to the decider of an objection review its link
/// (/project/review/…), to the township each quarter the link to record the quarter (/project/quarter/…), reminders,
/// 督办 and copies to the county office. A link is bound to the project, the step's key and the holder; a message's id
/// is the key and the workflow's sequence number, so an activity that runs twice records one message.
/// </summary>
public sealed class ProjectRequests(CapabilityLinkSigner signer, LinkAddresses addresses, NotificationOutbox outbox)
{
    public const string StepPurpose = "project-step";
    public const string ReviewPurpose = "project-review";
    public const string QuarterPurpose = "project-quarter";
    public const string NoticePurpose = "project-notice";

    /// <summary>The link areas under /project/: a step's decision, an objection review, a quarter's report.</summary>
    public const string StepArea = "step";
    public const string ReviewArea = "review";
    public const string QuarterArea = "quarter";

    /// <summary>Once 督办 has gone out there is no deadline left, but the step must still be decided: its last link lives this long.</summary>
    public static readonly TimeSpan EscalatedLinkLifetime = TimeSpan.FromDays(30);

    /// <summary>Sends the holder a link of <paramref name="purpose"/> for <paramref name="key"/>; it lives until the deadline and the usual lifetime after.</summary>
    public Task AskAsync(PovertyProject project, string purpose, string key, string holder, int sequence, DateTimeOffset at, DateTimeOffset? overdueAt, string kind,
        string title, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        var lifetime = overdueAt is { } due && due > at ? due - at + signer.DefaultLifetime : EscalatedLinkLifetime;
        var token = signer.Issue(purpose, project.ProjectId, key, holder, lifetime);
        return outbox.RecordAsync(new NotificationMessage($"{project.ProjectId}.{key}.{sequence}", kind, project.ProjectId, holder, title, text,
            addresses.Absolute(PathOf(purpose, token)), at), cancellationToken);
    }

    /// <summary>A notice without a link, e.g. to the county office about a 督办 it sees on the console.</summary>
    public Task InformAsync(PovertyProject project, string key, int sequence, string recipient, string kind, string title, string text, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(project);
        return outbox.RecordAsync(new NotificationMessage($"{project.ProjectId}.{key}.{sequence}.{recipient}", kind, project.ProjectId, recipient, title, text,
            addresses.Absolute($"/console/projects?county={Uri.EscapeDataString(project.CountyCode)}"), at), cancellationToken);
    }

    /// <summary>The path of a link of <paramref name="purpose"/>.</summary>
    public static string PathOf(string purpose, string token) => purpose switch
    {
        NoticePurpose => $"/project-notice/{Uri.EscapeDataString(token)}",
        ReviewPurpose => $"/project/{ReviewArea}/{Uri.EscapeDataString(token)}",
        QuarterPurpose => $"/project/{QuarterArea}/{Uri.EscapeDataString(token)}",
        _ => $"/project/{StepArea}/{Uri.EscapeDataString(token)}",
    };

    /// <summary>e.g. “碧城镇竹湖村“光伏扶贫电站”（投资 1,000,000.00 元）”.</summary>
    public static string Describe(PovertyProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return $"{project.Township}{project.Village}“{project.Name}”（投资 {Domain.Funds.PaymentCheck.Yuan(project.Investment)} 元）";
    }

    /// <summary>A deadline as messages say it: the last day, e.g. 2026-03-09.</summary>
    public static string Due(ProjectDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return Pages.Shown.Date(deadline.DueOn);
    }

    /// <summary>The step's action as the decider is asked it, by its kind.</summary>
    public static string Asked(ProjectStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Kind switch
        {
            ProjectStepKind.Proposal => "提交项目申报",
            ProjectStepKind.Review or ProjectStepKind.Approval => "评审（通过或退回）",
            ProjectStepKind.Implementation => "组织实施，完成后办结",
            ProjectStepKind.Acceptance => "组织验收并上传验收报告",
            _ => "办理",
        };
    }
}
