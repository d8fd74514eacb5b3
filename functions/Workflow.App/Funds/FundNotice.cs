using Workflow.Domain.Funds;

namespace Workflow.App.Funds;

/// <summary>
/// 资金公告公示: what a township's notice board shows of its poverty funds (001: allocation results and each village's
/// use of funds are published): every allocation to it, and every village payment request with what was paid.
/// </summary>
public sealed record FundNotice(string CountyCode, string TownshipCode, string Township, IReadOnlyList<FundAllocation> Allocations, IReadOnlyList<DisbursementStep> VillagePayments)
{
    public decimal Allocated => Allocations.Sum(a => a.Amount);

    public decimal PaidToVillages => VillagePayments.Sum(p => p.PaidAmount ?? 0m);

    /// <summary>The signed link's subject for a township's public notice: county and township.</summary>
    public static string SubjectOf(string countyCode, string townshipCode) => $"{countyCode}:{townshipCode}";

    public static async Task<FundNotice?> ReadAsync(FundStore funds, string countyCode, string townshipCode, string township, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(funds);
        var allocations = (await funds.ListAsync(countyCode, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Allocation.TownshipCode == townshipCode).Select(r => r.Allocation).OrderBy(a => a.AllocatedOn).ToList();
        var payments = new List<DisbursementStep>();
        foreach (var allocation in allocations)
        {
            payments.AddRange((await funds.ListStepsAsync(allocation.AllocationId, cancellationToken).ConfigureAwait(false)).Where(s => s.Stage == DisbursementStage.VillagePayment));
        }

        return new FundNotice(countyCode, townshipCode, township, allocations, payments);
    }
}
