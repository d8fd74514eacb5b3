using Microsoft.DurableTask.Client;
using Workflow.App.Links;

namespace Workflow.App.Exits;

/// <summary>
/// Takes decisions made through links. The decision is kept in the same atomic write that spends the link, then
/// raised to the case with an id of its own, then marked delivered. A crash after the first write loses nothing:
/// the redelivery sweep (or the next visit of the link) raises it again, and the case takes it once.
/// </summary>
public sealed class DecisionIntake(CapabilityLinkSigner signer, LinkRedemptionStore redemptions, ExitCaseStore cases, DurableTaskClient client) : IKeptDecisionDelivery
{
    private readonly KeptDecisions<StepDecision> _kept = new(redemptions, (decision, token) =>
        client.RaiseEventAsync(decision.CaseId, ExitEvents.Decision(decision.Step), decision, token));

    /// <summary>Checks a decision link: ours, unaltered, unexpired, unused, and for the step the case is waiting on now.</summary>
    public async Task<LinkCheck> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        var (link, refusal) = signer.Verify(token, DecisionRequests.Purpose);
        if (link is null || refusal is not null)
        {
            return new LinkCheck(link, null, refusal ?? LinkRefusal.Invalid);
        }

        // Two independent reads, side by side: an approver's click waits for the slower one only.
        var reading = cases.GetAsync(link.Subject, cancellationToken);
        var checking = redemptions.CheckOpenAsync(link, cancellationToken);
        await Task.WhenAll(reading, checking).ConfigureAwait(false);
        var (exitCase, used) = (await reading.ConfigureAwait(false), await checking.ConfigureAwait(false));
        if (exitCase is null)
        {
            return new LinkCheck(link, null, LinkRefusal.Invalid);
        }

        if (used is not null)
        {
            await _kept.DeliverKeptAsync(link.Subject, link.Step, cancellationToken).ConfigureAwait(false);
            return new LinkCheck(link, exitCase, used);
        }

        return exitCase.Status != ExitCaseStatus.InProgress ? new LinkCheck(link, exitCase, LinkRefusal.SubjectClosed)
            : exitCase.CurrentStep != link.Step ? new LinkCheck(link, exitCase, LinkRefusal.NotTheCurrentStep)
            : new LinkCheck(link, exitCase, null);
    }

    /// <summary>Spends the link on the decision; null when this decision is the step's, otherwise why not.</summary>
    public Task<LinkRefusal?> DecideAsync(CapabilityLink link, StepDecision decision, CancellationToken cancellationToken) =>
        _kept.KeepAndDeliverAsync(link, decision.DecidedAt, decision, cancellationToken);

    /// <summary>Raises every kept decision that is not marked delivered and was made before <paramref name="madeBefore"/>.</summary>
    public Task<int> RedeliverPendingAsync(DateTimeOffset madeBefore, CancellationToken cancellationToken) =>
        _kept.RedeliverPendingAsync(DecisionRequests.Purpose, madeBefore, cancellationToken);
}

/// <summary>What checking a link found: the link (when it could be read), its case, and the refusal if it cannot be used.</summary>
public sealed record LinkCheck(CapabilityLink? Link, ExitCase? Case, LinkRefusal? Refusal);
