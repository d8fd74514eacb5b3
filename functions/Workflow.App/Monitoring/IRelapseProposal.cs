using Workflow.App.Entries;

namespace Workflow.App.Monitoring;

/// <summary>
/// 返贫申报 — the seam through which an alerting check of an exited household (监测户) proposes it for relapse. The entry
/// capability's <see cref="EntryCaseStarter"/> starts the relapse case (<see cref="CaseRelapseProposal"/>); the intake
/// keeps what it returned on the alert row. Called again for the same check when a kept check is redelivered:
/// an implementation must treat <see cref="RelapseProposal.CheckId"/> as its idempotency key.
/// </summary>
public interface IRelapseProposal
{
    /// <summary>Proposes the relapse; returns the case it started (or found for this check), or null when it only recorded it.</summary>
    Task<string?> ProposeAsync(RelapseProposal proposal, CancellationToken ct);
}

/// <param name="CountyCode">县代码.</param>
/// <param name="HouseholdNumber">户编号.</param>
/// <param name="Reason">The alert's reasons, in zh-CN.</param>
/// <param name="ProposedBy">The cadre who filed the check, as a page names them.</param>
/// <param name="CheckId">The check's id (its link's id): the same check proposes once.</param>
public sealed record RelapseProposal(string CountyCode, string HouseholdNumber, string Reason, string ProposedBy, string CheckId);
