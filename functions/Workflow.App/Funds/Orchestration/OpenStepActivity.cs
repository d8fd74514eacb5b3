using Microsoft.DurableTask;
using Workflow.Domain.Funds;
using Workflow.App.Notifications;

namespace Workflow.App.Funds.Orchestration;

/// <summary>
/// Opens a step: county and finance steps are made here from the allocation and the step before (a village step was
/// made when its request was recorded), and the payer gets the link to record the payment. Returns when the deadline
/// passes and when to remind.
/// </summary>
public sealed class OpenStepActivity(FundStore funds, FundRequests requests, FundDeadlines deadlines, TimeProvider time) : TaskActivity<StepInput, StepOpening>
{
    public override async Task<StepOpening> RunAsync(TaskActivityContext context, StepInput input)
    {
        var token = CancellationToken.None;
        var at = time.GetUtcNow();
        var allocation = (await funds.GetAsync(input.AllocationId, token).ConfigureAwait(false))!.Allocation;
        var step = await funds.GetStepAsync(input.AllocationId, input.Step, token).ConfigureAwait(false)
                   ?? await funds.AddStepAsync(await NewStepAsync(allocation, input.Step, token).ConfigureAwait(false), token).ConfigureAwait(false);
        await requests.AskToPayAsync(allocation, step, input.Sequence, at, NotificationKinds.DecisionAwaited, "待拨付：扶贫资金", null, token).ConfigureAwait(false);
        var remindAt = deadlines.Rules.RemindAt(step.DueOn);
        return new StepOpening(step.OverdueAt, remindAt > at && remindAt < step.OverdueAt ? remindAt : null);
    }

    private async Task<DisbursementStep> NewStepAsync(FundAllocation allocation, string step, CancellationToken token)
    {
        if (step == DisbursementStep.CountyStep)
        {
            return new DisbursementStep(allocation.AllocationId, step, DisbursementStage.CountyToFinanceOffice, allocation.Amount, allocation.AllocatedOn,
                deadlines.DueOn(DisbursementStage.CountyToFinanceOffice, allocation.AllocatedOn));
        }

        var county = await funds.GetStepAsync(allocation.AllocationId, DisbursementStep.CountyStep, token).ConfigureAwait(false);
        if (step != DisbursementStep.FinanceStep || county is not { PaidAmount: { } received, PaidOn: { } receivedOn })
        {
            throw new InvalidOperationException($"Step {step} of {allocation.AllocationId} cannot open: it was never made, or step 1 is unpaid.");
        }

        return new DisbursementStep(allocation.AllocationId, step, DisbursementStage.FinanceToEconomicOffice, received, receivedOn,
            deadlines.DueOn(DisbursementStage.FinanceToEconomicOffice, receivedOn));
    }
}
