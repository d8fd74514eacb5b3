using Workflow.Domain.Funds;

namespace Workflow.App.Funds.Reports;

/// <summary>
/// What a township's monthly report states, generated from the ledger up to the month's last day: allocated to it,
/// received by its 财政所, and per village what was requested and paid.
/// </summary>
public sealed record FundReportSummary(string Township, FundReportMonth Month, decimal Allocated, decimal Received, IReadOnlyList<VillageUse> Villages)
{
    public decimal Paid => Villages.Sum(v => v.Paid);

    public static async Task<FundReportSummary> ReadAsync(FundStore funds, string countyCode, string townshipCode, string township, FundReportMonth month,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(funds);
        ArgumentNullException.ThrowIfNull(month);
        var allocated = 0m;
        var received = 0m;
        var payments = new List<DisbursementStep>();
        foreach (var record in (await funds.ListAsync(countyCode, cancellationToken).ConfigureAwait(false))
                     .Where(r => r.Allocation.TownshipCode == townshipCode && r.Allocation.AllocatedOn <= month.Last))
        {
            allocated += record.Allocation.Amount;
            foreach (var step in await funds.ListStepsAsync(record.Allocation.AllocationId, cancellationToken).ConfigureAwait(false))
            {
                if (step.Stage == DisbursementStage.CountyToFinanceOffice && step.PaidOn <= month.Last)
                {
                    received += step.PaidAmount ?? 0m;
                }
                else if (step.Stage == DisbursementStage.VillagePayment && step.StartsOn <= month.Last)
                {
                    payments.Add(step);
                }
            }
        }

        var villages = payments.GroupBy(p => p.Village ?? "项目村")
            .Select(g => new VillageUse(g.Key, g.Sum(p => p.Amount), g.Where(p => p.PaidOn <= month.Last).Sum(p => p.PaidAmount ?? 0m)))
            .OrderBy(v => v.Village, StringComparer.Ordinal).ToList();
        return new FundReportSummary(township, month, allocated, received, villages);
    }
}

/// <summary>One village's line in the report: requested (approved requests) and paid by the month's end.</summary>
public sealed record VillageUse(string Village, decimal Requested, decimal Paid);
