namespace Workflow.App.Monitoring;

/// <summary>
/// 返贫申报 — the seam through which an alerting check of an exited household (监测户) proposes it for relapse. The entry
/// capability implements it by starting a relapse case; until it is wired, <see cref="RecordedRelapseProposal"/> keeps
/// the proposal on the alert row so nothing is lost. Called again for the same check when a kept check is redelivered:
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

/// <summary>The default proposal: no case is started; the alert row says a relapse is proposed and awaits the office.</summary>
public sealed class RecordedRelapseProposal : IRelapseProposal
{
    public Task<string?> ProposeAsync(RelapseProposal proposal, CancellationToken ct) => Task.FromResult<string?>(null);
}
