using Microsoft.DurableTask.Client;
using Workflow.App.Links;
using Workflow.App.Monitoring.Orchestration;
using Workflow.App.Notifications;
using Workflow.Domain.Monitoring;

namespace Workflow.App.Monitoring;

/// <summary>
/// Takes a cadre's monthly check through its link: the link must be ours, unexpired and unused, and its household in
/// that month's round. The check is kept in the same atomic write that spends the link, then delivered: written to the
/// round with its assessment; when it alerts, the township's 乡镇分管领导 is notified and a relapse (监测户, exited) is
/// proposed through <see cref="IRelapseProposal"/>, or a 新识别 noted (边缘户, never poor); then the round is told. A
/// crash in between loses nothing: the redelivery sweep, or the link opened again, delivers it, and every step of the
/// delivery is keyed by the check, so delivering twice writes once.
/// </summary>
public sealed class MonitoringCheckIntake : IKeptDecisionDelivery
{
    private readonly CapabilityLinkSigner _signer;
    private readonly LinkRedemptionStore _redemptions;
    private readonly MonitoringCheckStore _checks;
    private readonly KeptDecisions<RecordedCheck> _kept;

    public MonitoringCheckIntake(CapabilityLinkSigner signer, LinkRedemptionStore redemptions, MonitoringCheckStore checks, NotificationOutbox outbox,
        LinkAddresses addresses, IRelapseProposal proposals, DurableTaskClient client)
    {
        _signer = signer;
        _redemptions = redemptions;
        _checks = checks;
        _kept = new(redemptions, (check, token) => DeliverAsync(checks, outbox, addresses, proposals, client, check, token));
    }

    public async Task<MonitoringLinkCheck> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        var (link, refusal) = _signer.Verify(token, MonitoringCheckLinks.Purpose);
        if (link is null || refusal is not null)
        {
            return new MonitoringLinkCheck(link, null, default, refusal ?? LinkRefusal.Invalid);
        }

        if (MonitoringKeys.ReadSubject(link.Subject) is not var (county, month, number)
            || await _checks.FindAsync(county, month, number, cancellationToken).ConfigureAwait(false) is not { } entry)
        {
            return new MonitoringLinkCheck(link, null, default, LinkRefusal.Invalid);
        }

        if (await _redemptions.CheckOpenAsync(link, cancellationToken).ConfigureAwait(false) is { } used)
        {
            await _kept.DeliverKeptAsync(link.Subject, link.Step, cancellationToken).ConfigureAwait(false);
            return new MonitoringLinkCheck(link, entry, month, used);
        }

        return new MonitoringLinkCheck(link, entry, month, null);
    }

    /// <summary>Spends the link on the check; null when the check was taken, otherwise why not.</summary>
    public Task<LinkRefusal?> RecordAsync(CapabilityLink link, RecordedCheck check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        return _kept.KeepAndDeliverAsync(link, check.At, check, cancellationToken);
    }

    public Task<int> RedeliverPendingAsync(DateTimeOffset madeBefore, CancellationToken cancellationToken) =>
        _kept.RedeliverPendingAsync(MonitoringCheckLinks.Purpose, madeBefore, cancellationToken);

    private static async Task DeliverAsync(MonitoringCheckStore checks, NotificationOutbox outbox, LinkAddresses addresses, IRelapseProposal proposals,
        DurableTaskClient client, RecordedCheck recorded, CancellationToken cancellationToken)
    {
        var county = recorded.CountyCode;
        var check = recorded.Check;
        var entry = await checks.FindAsync(county, check.Month, check.HouseholdNumber, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Household {check.HouseholdNumber} of a kept check is not in the {check.Month} round.");
        var household = entry.Household;
        var standard = MonitoringStandard.For(county, check.Month.Year)
                       ?? throw new InvalidOperationException($"No standard for county {county} by {check.Month.Year}.");
        var assessment = CheckAssessment.Of(check, standard);
        await checks.RecordCheckAsync(county, check, assessment, recorded.CheckId, recorded.At, cancellationToken).ConfigureAwait(false);
        if (assessment.Alerts)
        {
            var reasons = string.Join(string.Empty, assessment.Reasons);
            var proposedBy = MonitoringRecipients.CadreName(household.Township, check.CheckedBy);
            string proposal;
            if (household.HasExited)
            {
                var caseId = await proposals.ProposeAsync(new RelapseProposal(county, household.Number, reasons, proposedBy, recorded.CheckId), cancellationToken)
                    .ConfigureAwait(false);
                proposal = caseId is null ? "已提出返贫申报，待县扶贫办办理。" : $"已提出返贫申报（案件 {caseId}）。";
            }
            else
            {
                // Never exited: a relapse is not possible. A 边缘户 was never poor, so what its alert calls for is
                // identification (新识别), which starts at the village; it is noted here for the office to act on.
                proposal = household.Category == Domain.Register.MonitoringCategory.Edge
                    ? "边缘户（未纳入建档立卡）：建议按新识别程序纳入，待村两委评议。"
                    : "未脱贫户：继续帮扶，不作返贫申报。";
            }

            await checks.RecordProposalAsync(county, check.Month, household.Number, proposal, cancellationToken).ConfigureAwait(false);
            await outbox.RecordAsync(new NotificationMessage(
                $"monitoring-alert-{recorded.CheckId}", NotificationKinds.Escalated, MonitoringKeys.InstanceId(county, check.Month),
                MonitoringRecipients.TownshipLeader(household.TownshipCode),
                $"监测预警：{household.Village}{household.HeadName}户",
                $"{household.Township}{household.Village}户主{household.HeadName}（户编号 {household.Number}）{check.Month}监测预警：{reasons}{proposal}",
                addresses.Absolute(MonitoringKeys.ConsolePath(county, check.Month)), recorded.At), cancellationToken).ConfigureAwait(false);
        }

        await client.RaiseEventAsync(MonitoringKeys.InstanceId(county, check.Month), MonitoringEvents.CheckRecorded,
            new CheckRecordedEvent(household.Number), cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>What checking a check link found: the link, the household's round entry, the month, and the refusal if it cannot be used.</summary>
public sealed record MonitoringLinkCheck(CapabilityLink? Link, RoundEntry? Entry, MonitoringMonth Month, LinkRefusal? Refusal);
