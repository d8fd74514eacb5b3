using Workflow.Domain.Monitoring;

namespace Workflow.App.Monitoring;

/// <summary>
/// One household in one month's round, as the checks table holds it: who was asked (the ledger entry when the round
/// opened), and, once the cadre has filed it, what the check found and what it raised.
/// </summary>
/// <param name="Household">The ledger entry as the round opened.</param>
/// <param name="Check">The check filed; null while it is missing.</param>
/// <param name="Reasons">The alert's reasons (empty when the check did not alert or is missing).</param>
/// <param name="FailedCodes">The failed indicators' codes.</param>
/// <param name="Proposal">What the alert proposed (返贫 or 新识别) and what became of it; null without an alert.</param>
/// <param name="Reminded">The cadre was reminded before month end.</param>
/// <param name="Escalated">Still missing at month end, so escalated to the township.</param>
public sealed record RoundEntry(
    MonitoredHousehold Household,
    MonthlyCheck? Check,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> FailedCodes,
    string? Proposal,
    bool Reminded,
    bool Escalated)
{
    public bool Checked => Check is not null;

    public bool Alerts => Reasons.Count > 0;
}
