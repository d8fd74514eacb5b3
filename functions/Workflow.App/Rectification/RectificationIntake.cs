using Workflow.Domain.Rectification;
using Microsoft.DurableTask.Client;
using Workflow.App.Links;

namespace Workflow.App.Rectification;

/// <summary>
/// Takes what units and the county do through an item's links. The decision is kept in the same atomic write that
/// spends the link (one per item and step, so of concurrent submissions exactly one wins), then raised to the item's
/// orchestration under the step's name, then marked delivered. A crash in between loses nothing: the redelivery sweep
/// or the next visit of the link raises it again, and the orchestration takes it once.
/// </summary>
public sealed class RectificationIntake(CapabilityLinkSigner signer, LinkRedemptionStore redemptions, RectificationStore items, DurableTaskClient client) : IKeptDecisionDelivery
{
    private readonly KeptDecisions<RectificationDecision> _kept = new(redemptions, (decision, token) =>
        client.RaiseEventAsync(decision.ItemId, decision.Step, decision, token));

    /// <summary>Checks a link: ours, unaltered, unexpired, unused, and for the step the item waits on now.</summary>
    public async Task<RectificationLinkCheck> CheckAsync(string? token, string purpose, CancellationToken cancellationToken)
    {
        var (link, refusal) = signer.Verify(token, purpose);
        if (link is null || refusal is not null)
        {
            return new RectificationLinkCheck(link, null, refusal ?? LinkRefusal.Invalid);
        }

        var item = await items.GetAsync(link.Subject, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return new RectificationLinkCheck(link, null, LinkRefusal.Invalid);
        }

        var used = await redemptions.CheckOpenAsync(link, cancellationToken).ConfigureAwait(false);
        if (used is not null)
        {
            await _kept.DeliverKeptAsync(link.Subject, link.Step, cancellationToken).ConfigureAwait(false);
            return new RectificationLinkCheck(link, item, used);
        }

        return item.Status == RectificationStatus.Closed ? new RectificationLinkCheck(link, item, LinkRefusal.SubjectClosed)
            : item.CurrentStep != link.Step ? new RectificationLinkCheck(link, item, LinkRefusal.NotTheCurrentStep)
            : new RectificationLinkCheck(link, item, null);
    }

    /// <summary>Spends the link on the decision; null when this decision is the step's, otherwise why not.</summary>
    public Task<LinkRefusal?> DecideAsync(CapabilityLink link, RectificationDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return _kept.KeepAndDeliverAsync(link, decision.DecidedAt, decision, cancellationToken);
    }

    /// <summary>Raises every kept submission and verification not marked delivered that was made before <paramref name="madeBefore"/>.</summary>
    public async Task<int> RedeliverPendingAsync(DateTimeOffset madeBefore, CancellationToken cancellationToken) =>
        await _kept.RedeliverPendingAsync(RectificationRequests.SubmitPurpose, madeBefore, cancellationToken).ConfigureAwait(false)
        + await _kept.RedeliverPendingAsync(RectificationRequests.VerifyPurpose, madeBefore, cancellationToken).ConfigureAwait(false);
}

/// <summary>What checking a link found: the link (when it could be read), its item, and the refusal if it cannot be used.</summary>
public sealed record RectificationLinkCheck(CapabilityLink? Link, RectificationItem? Item, LinkRefusal? Refusal);
