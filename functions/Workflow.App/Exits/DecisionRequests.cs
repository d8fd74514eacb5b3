using Workflow.Domain.Exits;
using Workflow.App.Links;
using Workflow.App.Notifications;
using Workflow.App.Pages;

namespace Workflow.App.Exits;

/// <summary>
/// Asks someone for a decision on a case step: a fresh capability link bound to the case, the step and that
/// person, sent as a notification through the outbox. The notification id is the case and sequence number, so an
/// activity that runs twice records one notification (the second link is simply never sent). Links of a step
/// with a due time work until then and for the default lifetime after it.
/// </summary>
public sealed class DecisionRequests(CapabilityLinkSigner signer, LinkAddresses addresses, NotificationOutbox outbox)
{
    public const string Purpose = "exit-decision";

    public async Task SendAsync(DecisionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var exitCase = request.Case;
        var recipient = ExitRecipients.For(request.Role, exitCase);
        // A link must outlive the time the approver is given: it works until the step is due, plus the usual lifetime.
        var token = signer.Issue(Purpose, exitCase.CaseId, request.StepKey, recipient,
            request.DueAt is { } dueAt && dueAt > request.At ? dueAt - request.At + signer.DefaultLifetime : null);
        var text = $"{exitCase.Township}{exitCase.Village} {exitCase.HeadName} 户（户编号 {exitCase.HouseholdNumber}）" +
                   $"的{exitCase.Kind.ChineseName()}申请，待您办理“{request.StepName}”" +
                   (request.DueAt is { } due ? $"，请于 {Shown.Time(due)} 前办理。" : "。");
        await outbox.RecordAsync(new NotificationMessage(
            $"{exitCase.CaseId}.{request.Sequence}",
            request.Kind,
            exitCase.CaseId,
            recipient,
            request.Title,
            request.Note is null ? text : $"{request.Note} {text}",
            addresses.Absolute($"/decide/{token}"),
            request.At), cancellationToken).ConfigureAwait(false);
    }
}

/// <param name="Note">Said before the request itself, e.g. why it is escalated.</param>
public sealed record DecisionRequest(
    ExitCase Case,
    ExitRole Role,
    string StepKey,
    string StepName,
    string Kind,
    string Title,
    DateTimeOffset? DueAt,
    int Sequence,
    DateTimeOffset At,
    string? Note = null);
