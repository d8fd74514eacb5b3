using Workflow.Domain.Projects;
using Microsoft.DurableTask.Client;
using Workflow.App.Audit;
using Workflow.App.Links;

namespace Workflow.App.Projects;

/// <summary>
/// Takes what a project's holders decide through their links. A decision is kept in the same atomic write that spends
/// the link (<see cref="KeptDecisions{T}"/>), then delivered: written to the store by the ledger, which raises it to the
/// workflow; an objection found unfounded is audited and raised. The sweep or the link's next visit delivers what a
/// stopped process kept but did not deliver; delivering twice acts once (the ledger decides a round once).
/// </summary>
public sealed class ProjectIntake(CapabilityLinkSigner signer, LinkRedemptionStore redemptions, ProjectStore store, ProjectLedger ledger, AuditLog audit,
    DurableTaskClient client) : IKeptDecisionDelivery
{
    private readonly KeptDecisions<ProjectLinkDecision> _steps = new(redemptions, (d, token) => DeliverAsync(ledger, audit, client, d, token));

    private readonly KeptDecisions<ProjectQuarterEntry> _quarters = new(redemptions, (e, token) =>
        ledger.RecordQuarterAsync(e.ProjectId, e.Quarter, e.Income, e.Dividends, e.Actor, "Township", token));

    public ProjectProcedure Procedure => ledger.Procedure;

    /// <summary>
    /// Checks a link: ours, unaltered, unexpired, unused (a notice's link is never spent), and for what the project waits on
    /// now: its step in that round, the objection review under way, a quarter not yet recorded.
    /// </summary>
    public async Task<ProjectLinkCheck> CheckAsync(string? token, string purpose, CancellationToken cancellationToken)
    {
        var (link, refusal) = signer.Verify(token, purpose);
        if (link is null || refusal is not null)
        {
            return new ProjectLinkCheck(link, null, refusal ?? LinkRefusal.Invalid);
        }

        if (await store.GetAsync(link.Subject, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            return new ProjectLinkCheck(link, null, LinkRefusal.Invalid);
        }

        if (purpose != ProjectRequests.NoticePurpose && await redemptions.CheckOpenAsync(link, cancellationToken).ConfigureAwait(false) is { } used)
        {
            await (purpose == ProjectRequests.QuarterPurpose ? _quarters.DeliverKeptAsync(link.Subject, link.Step, cancellationToken)
                : _steps.DeliverKeptAsync(link.Subject, link.Step, cancellationToken)).ConfigureAwait(false);
            return new ProjectLinkCheck(link, record, used);
        }

        return new ProjectLinkCheck(link, record, Standing(record, purpose, link.Step));
    }

    public Task<LinkRefusal?> DecideAsync(CapabilityLink link, ProjectLinkDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return _steps.KeepAndDeliverAsync(link, decision.DecidedAt, decision, cancellationToken);
    }

    public Task<LinkRefusal?> RecordQuarterAsync(CapabilityLink link, ProjectQuarterEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _quarters.KeepAndDeliverAsync(link, entry.EnteredAt, entry, cancellationToken);
    }

    public async Task<int> RedeliverPendingAsync(DateTimeOffset madeBefore, CancellationToken cancellationToken) =>
        await _steps.RedeliverPendingAsync(ProjectRequests.StepPurpose, madeBefore, cancellationToken).ConfigureAwait(false)
        + await _steps.RedeliverPendingAsync(ProjectRequests.ReviewPurpose, madeBefore, cancellationToken).ConfigureAwait(false)
        + await _quarters.RedeliverPendingAsync(ProjectRequests.QuarterPurpose, madeBefore, cancellationToken).ConfigureAwait(false);

    private LinkRefusal? Standing(ProjectRecord record, string purpose, string key)
    {
        if (purpose == ProjectRequests.QuarterPurpose)
        {
            return !record.Progress.InOperation(Procedure) ? LinkRefusal.NotTheCurrentStep
                : record.Quarters.Any(q => q.Yield.Quarter.ToString() == key) ? LinkRefusal.StepAlreadyDecided
                : null;
        }

        if (ProjectStepKeys.Read(key) is not { } read)
        {
            return LinkRefusal.Invalid;
        }

        var round = record.Progress.Ended.Count;
        if (read.Round < round)
        {
            return LinkRefusal.StepAlreadyDecided;
        }

        if (read.Round > round || read.Step != record.Progress.CurrentStep)
        {
            return LinkRefusal.NotTheCurrentStep;
        }

        return purpose != ProjectRequests.ReviewPurpose || record.Times?.Review == read.Review ? null
            : read.Review < record.Times?.Review || record.Times?.Review is null ? LinkRefusal.StepAlreadyDecided
            : LinkRefusal.NotTheCurrentStep;
    }

    private static async Task DeliverAsync(ProjectLedger ledger, AuditLog audit, DurableTaskClient client, ProjectLinkDecision d, CancellationToken token)
    {
        var key = ProjectStepKeys.Read(d.StepKey)!.Value;
        if (key.Review is not null && d.Outcome != ProjectOutcome.ObjectionUpheld)
        {
            // 异议不成立: the notice runs on; the step is not ended, so the store has nothing to change.
            await audit.AppendOnceAsync(new AuditEntry(d.ProjectId, key.Step, "ObjectionDismissed", d.Actor, d.Role, $"异议不成立：{d.Note}", d.DecidedAt, d.LinkId, d.ClientIp,
                d.UserAgent), $"dismissed-{d.StepKey}", token).ConfigureAwait(false);
            await client.RaiseEventAsync(d.ProjectId, ProjectEvents.ObjectionDismissed, new ProjectObjectionDismissed(d.StepKey), token).ConfigureAwait(false);
            return;
        }

        var note = d.EvidenceId is null ? d.Note : $"{d.Note}（验收报告 {d.EvidenceId}）".TrimStart();
        await ledger.DecideAsync(new ProjectStepChange(d.ProjectId, key.Step, key.Round, d.Outcome, note, d.Actor, d.Role, d.DecidedAt, d.LinkId, d.ClientIp, d.UserAgent),
            token).ConfigureAwait(false);
    }
}

/// <summary>What checking a link found: the link, its project, and the refusal if it cannot be used.</summary>
public sealed record ProjectLinkCheck(CapabilityLink? Link, ProjectRecord? Record, LinkRefusal? Refusal);
