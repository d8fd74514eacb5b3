using Workflow.App.Entries;
using Workflow.App.Exits;
using Workflow.Domain.Exits;

namespace Workflow.App.Monitoring;

/// <summary>
/// 返贫申报 from a monitoring alert: starts a 返贫 case on the entry procedure (source 监测预警, proposed by the cadre of
/// the township who filed the check), which then runs through 民主评议, 核实, 公示, 乡镇审核 and 县审定 to 挂号. Seed 000:
/// "实施动态管理，脱贫销号，返贫挂号，做到退出有标准、纳入有程序". A check delivered again finds the household's open case
/// (one open case per household is the starter's rule) and returns it, so the same alert opens one case.
/// </summary>
public sealed class CaseRelapseProposal(EntryCaseStarter starter, ExitCaseStore cases, TimeProvider time) : IRelapseProposal
{
    public const string Source = "监测预警";

    public async Task<string?> ProposeAsync(RelapseProposal proposal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var outcome = await starter.StartRelapseAsync(proposal.CountyCode,
            new RelapseRequest(proposal.HouseholdNumber, proposal.Reason, proposal.ProposedBy, Source), proposal.ProposedBy, ct).ConfigureAwait(false);
        if (outcome.Case is { } started)
        {
            return started.CaseId;
        }

        // Refused because a case is open: this check's case started on an earlier delivery, or another already runs.
        var open = await cases.ListAsync(new ExitCaseQuery(proposal.CountyCode, HouseholdNumber: proposal.HouseholdNumber), time.GetUtcNow(), ct).ConfigureAwait(false);
        return open.FirstOrDefault(c => c.Status == ExitCaseStatus.InProgress && c.Kind == CaseKind.Relapse)?.CaseId;
    }
}
