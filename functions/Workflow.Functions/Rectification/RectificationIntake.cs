using System.Text.Json;
using Workflow.Domain.Rectification;
using Workflow.Durable;
using Workflow.Functions.Links;

namespace Workflow.Functions.Rectification;

/// <summary>
/// Takes what units and the county do through an item's links. The decision is kept in the same atomic write that
/// spends the link (one per item and step, so of concurrent submissions exactly one wins), then raised to the item's
/// orchestration with an id of its own, then marked delivered. A crash in between loses nothing: the redelivery sweep
/// or the next visit of the link raises it again, and the orchestration takes it once.
/// </summary>
public sealed class RectificationIntake(CapabilityLinkSigner signer, LinkRedemptionStore redemptions, RectificationStore items, DurableTaskClient client) : IKeptDecisionDelivery
{
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
            await RedeliverAsync(link.Subject, link.Step, cancellationToken).ConfigureAwait(false);
            return new RectificationLinkCheck(link, item, used);
        }

        return item.Status == RectificationStatus.Closed ? new RectificationLinkCheck(link, item, LinkRefusal.SubjectClosed)
            : item.CurrentStep != link.Step ? new RectificationLinkCheck(link, item, LinkRefusal.NotTheCurrentStep)
            : new RectificationLinkCheck(link, item, null);
    }

    /// <summary>Spends the link on the decision; null when this decision is the step's, otherwise why not.</summary>
    public async Task<LinkRefusal?> DecideAsync(CapabilityLink link, RectificationDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(decision);
        var refusal = await redemptions.TryRedeemAsync(link, decision.DecidedAt, JsonSerializer.Serialize(decision), cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        await DeliverAsync(decision, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Raises every kept decision not marked delivered that was made before <paramref name="madeBefore"/>.</summary>
    public async Task<int> RedeliverPendingAsync(DateTimeOffset madeBefore, CancellationToken cancellationToken)
    {
        var raised = 0;
        foreach (var purpose in new[] { RectificationRequests.SubmitPurpose, RectificationRequests.VerifyPurpose })
        {
            var pending = await redemptions.ListUndeliveredAsync(purpose, madeBefore, cancellationToken).ConfigureAwait(false);
            foreach (var (_, _, kept) in pending)
            {
                await DeliverAsync(JsonSerializer.Deserialize<RectificationDecision>(kept)!, cancellationToken).ConfigureAwait(false);
            }

            raised += pending.Count;
        }

        return raised;
    }

    private async Task RedeliverAsync(string itemId, string step, CancellationToken cancellationToken)
    {
        if (await redemptions.FindUndeliveredAsync(itemId, step, cancellationToken).ConfigureAwait(false) is { } kept)
        {
            await DeliverAsync(JsonSerializer.Deserialize<RectificationDecision>(kept)!, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeliverAsync(RectificationDecision decision, CancellationToken cancellationToken)
    {
        await client.RaiseEventAsync(decision.ItemId, decision.Step, decision, $"decision-{decision.Step}", cancellationToken).ConfigureAwait(false);
        await redemptions.MarkDeliveredAsync(decision.ItemId, decision.Step, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>What checking a link found: the link (when it could be read), its item, and the refusal if it cannot be used.</summary>
public sealed record RectificationLinkCheck(CapabilityLink? Link, RectificationItem? Item, LinkRefusal? Refusal);
