using Workflow.Domain.Rectification;
using Workflow.App.Links;
using Workflow.App.Notifications;

namespace Workflow.App.Rectification;

/// <summary>
/// Sends an item's notifications: to the unit with a capability link to submit, to the county with one to verify or
/// send back, and the 督办单 and 约谈 notices. A link is bound to the item, the round's step and the recipient. The
/// message id is the item and the orchestration's sequence number, so an activity that runs twice records one message.
/// </summary>
public sealed class RectificationRequests(CapabilityLinkSigner signer, LinkAddresses addresses, NotificationOutbox outbox)
{
    public const string SubmitPurpose = "rectification-submit";
    public const string VerifyPurpose = "rectification-verify";

    /// <summary>
    /// Once summoned an item has no deadline left to outlive, but the unit must still be able to submit: its last link
    /// lives this long.
    /// </summary>
    public static readonly TimeSpan SummonedLinkLifetime = TimeSpan.FromDays(30);

    /// <summary>
    /// Asks the unit to rectify and submit. The link works until the deadline in force and the usual lifetime after,
    /// or <see cref="SummonedLinkLifetime"/> once the item is summoned.
    /// </summary>
    public Task AskToSubmitAsync(RectificationItem item, int sequence, DateTimeOffset at, string kind, string title, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var recipient = RectificationRecipients.Unit(item);
        var dueAt = SupervisionPolicy.OverdueAt(item.Deadline);
        var lifetime = item.Stage == OverdueStage.Summoned ? SummonedLinkLifetime : dueAt > at ? dueAt - at + signer.DefaultLifetime : (TimeSpan?)null;
        var token = signer.Issue(SubmitPurpose, item.ItemId, item.CurrentStep!, recipient, lifetime);
        var text = $"{Describe(item)}，请于 {LedgerFormat.Day(item.Deadline)} 前完成整改，并通过链接提交整改情况和佐证材料。";
        return outbox.RecordAsync(new NotificationMessage($"{item.ItemId}.{sequence}", kind, item.ItemId, recipient, title,
            note is null ? text : $"{note} {text}", addresses.Absolute($"/rectify/submit/{token}"), at), cancellationToken);
    }

    /// <summary>Asks the county office to verify the submission (销号) or send it back.</summary>
    public Task AskToVerifyAsync(RectificationItem item, int sequence, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var recipient = RectificationRecipients.CountyVerifier(item);
        var token = signer.Issue(VerifyPurpose, item.ItemId, item.CurrentStep!, recipient);
        return outbox.RecordAsync(new NotificationMessage($"{item.ItemId}.{sequence}", NotificationKinds.RectificationSubmitted, item.ItemId, recipient,
            "待核验：整改事项已提交", $"{item.Finding.ResponsibleUnit}已提交整改：{Describe(item)}。请核验后销号，或说明理由退回。",
            addresses.Absolute($"/rectify/verify/{token}"), at), cancellationToken);
    }

    /// <summary>A notice without a capability link, e.g. to the county office about a 督办单 it can print from its console.</summary>
    /// <param name="key">Tells this message apart from others of the same sequence number.</param>
    public Task InformAsync(RectificationItem item, int sequence, string key, string recipient, string kind, string title, string text, string? countyPage, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return outbox.RecordAsync(new NotificationMessage($"{item.ItemId}.{sequence}.{key}", kind, item.ItemId, recipient, title, text,
            countyPage is null ? null : addresses.Absolute(countyPage), at), cancellationToken);
    }

    public static string Describe(RectificationItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var f = item.Finding;
        var description = f.Description.Length > 60 ? f.Description[..60] + "…" : f.Description;
        return $"{f.SourceName}反馈问题（{f.Category}{(f.Township is null ? string.Empty : "，" + f.Township)}）“{description}”";
    }
}
