using System.Text.Json;

namespace Workflow.App.Links;

/// <summary>
/// Keep, then deliver, then mark delivered: the crash-safe protocol of every link that takes a decision. The decision
/// is kept in the same atomic insert that spends the link (so of concurrent submissions exactly one wins), handed to
/// <paramref name="deliver"/> (raise it to an orchestration, write it to a table: delivering twice must act once), and
/// then marked delivered. What a stopped process kept but never marked is delivered again by the link's next visit or
/// by <see cref="KeptDecisionRedelivery"/>.
/// </summary>
public sealed class KeptDecisions<T>(LinkRedemptionStore redemptions, Func<T, CancellationToken, Task> deliver)
{
    /// <summary>Spends the link on <paramref name="decision"/> and delivers it; null when this decision won, otherwise why not.</summary>
    public async Task<LinkRefusal?> KeepAndDeliverAsync(CapabilityLink link, DateTimeOffset at, T decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        var refusal = await redemptions.TryRedeemAsync(link, at, JsonSerializer.Serialize(decision), cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        await DeliverAsync(link.Subject, link.Step, decision, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Delivers the step's kept decision if a stopped process never did (a used link opened again).</summary>
    public async Task DeliverKeptAsync(string subject, string step, CancellationToken cancellationToken)
    {
        if (await redemptions.FindUndeliveredAsync(subject, step, cancellationToken).ConfigureAwait(false) is { } kept)
        {
            await DeliverAsync(subject, step, JsonSerializer.Deserialize<T>(kept)!, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Delivers every kept decision of <paramref name="purpose"/> not marked delivered that was made before <paramref name="madeBefore"/>; returns how many.</summary>
    public async Task<int> RedeliverPendingAsync(string purpose, DateTimeOffset madeBefore, CancellationToken cancellationToken)
    {
        var pending = await redemptions.ListUndeliveredAsync(purpose, madeBefore, cancellationToken).ConfigureAwait(false);
        foreach (var (subject, step, kept) in pending)
        {
            await DeliverAsync(subject, step, JsonSerializer.Deserialize<T>(kept)!, cancellationToken).ConfigureAwait(false);
        }

        return pending.Count;
    }

    private async Task DeliverAsync(string subject, string step, T decision, CancellationToken cancellationToken)
    {
        await deliver(decision, cancellationToken).ConfigureAwait(false);
        await redemptions.MarkDeliveredAsync(subject, step, cancellationToken).ConfigureAwait(false);
    }
}
