using Microsoft.DurableTask.Client;
using Workflow.App.Links;

namespace Workflow.App.Funds;

/// <summary>
/// Takes what payers and the 经管站 record through their links. A decision is kept in the same atomic write that spends
/// the link, raised to the orchestration waiting for it (a payment to its step's, a village request to the
/// allocation's), then marked delivered; the sweep or the link's next visit raises what a stopped process did not.
/// </summary>
public sealed class FundIntake(CapabilityLinkSigner signer, LinkRedemptionStore redemptions, FundStore funds, DurableTaskClient client) : IKeptDecisionDelivery
{
    private readonly KeptDecisions<PaymentDecision> _payments = new(redemptions, (d, token) =>
        client.RaiseEventAsync(FundInstances.Step(d.AllocationId, d.Step), d.Step, d, token));

    private readonly KeptDecisions<VillageRequestDecision> _requests = new(redemptions, (d, token) =>
        client.RaiseEventAsync(d.AllocationId, d.Step, d, token));

    /// <summary>Checks a link: ours, unaltered, unexpired, unused, and for a step that still waits for it.</summary>
    public async Task<FundLinkCheck> CheckAsync(string? token, string purpose, CancellationToken cancellationToken)
    {
        var (link, refusal) = signer.Verify(token, purpose);
        if (link is null || refusal is not null)
        {
            return new FundLinkCheck(link, null, null, refusal ?? LinkRefusal.Invalid);
        }

        var record = await funds.GetAsync(link.Subject, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return new FundLinkCheck(link, null, null, LinkRefusal.Invalid);
        }

        var used = await redemptions.CheckOpenAsync(link, cancellationToken).ConfigureAwait(false);
        if (used is not null)
        {
            await (purpose == FundRequests.PayPurpose ? _payments.DeliverKeptAsync(link.Subject, link.Step, cancellationToken)
                : _requests.DeliverKeptAsync(link.Subject, link.Step, cancellationToken)).ConfigureAwait(false);
            return new FundLinkCheck(link, record, null, used);
        }

        if (purpose == FundRequests.RequestPurpose)
        {
            return new FundLinkCheck(link, record, null, record.OpenRequest == link.Step ? null : record.Completed ? LinkRefusal.SubjectClosed : LinkRefusal.NotTheCurrentStep);
        }

        var step = await funds.GetStepAsync(link.Subject, link.Step, cancellationToken).ConfigureAwait(false);
        return new FundLinkCheck(link, record, step, step is null ? LinkRefusal.NotTheCurrentStep : step.IsPaid ? LinkRefusal.StepAlreadyDecided : null);
    }

    public Task<LinkRefusal?> PayAsync(CapabilityLink link, PaymentDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return _payments.KeepAndDeliverAsync(link, decision.DecidedAt, decision, cancellationToken);
    }

    public Task<LinkRefusal?> RequestAsync(CapabilityLink link, VillageRequestDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return _requests.KeepAndDeliverAsync(link, decision.DecidedAt, decision, cancellationToken);
    }

    public async Task<int> RedeliverPendingAsync(DateTimeOffset madeBefore, CancellationToken cancellationToken) =>
        await _payments.RedeliverPendingAsync(FundRequests.PayPurpose, madeBefore, cancellationToken).ConfigureAwait(false)
        + await _requests.RedeliverPendingAsync(FundRequests.RequestPurpose, madeBefore, cancellationToken).ConfigureAwait(false);
}

/// <summary>What checking a link found: the link, its allocation, the step to pay (payment links) and the refusal if it cannot be used.</summary>
public sealed record FundLinkCheck(CapabilityLink? Link, AllocationRecord? Record, Domain.Funds.DisbursementStep? Step, LinkRefusal? Refusal);

/// <summary>The orchestration instance ids: the allocation's is its id; each step's runs as a sub-orchestration named after it.</summary>
public static class FundInstances
{
    public static string Step(string allocationId, string step) => $"{allocationId}.{step}";
}
