using Workflow.Domain.Funds;

namespace Workflow.App.Funds;

/// <summary>What of an allocation's money at the 经管站 villages have not requested yet: step 2's payment less the requests.</summary>
public static class FundBalance
{
    public static decimal LeftToRequest(IReadOnlyList<DisbursementStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var received = steps.FirstOrDefault(s => s.Stage == DisbursementStage.FinanceToEconomicOffice)?.PaidAmount ?? 0m;
        return received - steps.Where(s => s.Stage == DisbursementStage.VillagePayment).Sum(s => s.Amount);
    }

    public static async Task<decimal> LeftToRequestAsync(FundStore funds, string allocationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(funds);
        return LeftToRequest(await funds.ListStepsAsync(allocationId, cancellationToken).ConfigureAwait(false));
    }
}
