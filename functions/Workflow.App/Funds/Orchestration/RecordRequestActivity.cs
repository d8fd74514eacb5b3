using Microsoft.DurableTask;
using Workflow.Domain.Calendar;
using Workflow.Domain.Funds;
using Workflow.App.Audit;

namespace Workflow.App.Funds.Orchestration;

/// <summary>
/// Records a village's approved payment request as a step of its own (village-n), due 5 working days after the day
/// it was approved, and audits it.
/// </summary>
public sealed class RecordRequestActivity(FundStore funds, FundDeadlines deadlines, AuditLog audit) : TaskActivity<RecordRequestInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RecordRequestInput input)
    {
        var token = CancellationToken.None;
        var d = input.Decision;
        var approvedOn = ShanghaiTime.DateOf(d.DecidedAt);
        var step = await funds.AddStepAsync(new DisbursementStep(d.AllocationId, DisbursementStep.VillageStep(input.Request), DisbursementStage.VillagePayment, d.Amount,
            approvedOn, deadlines.DueOn(DisbursementStage.VillagePayment, approvedOn), d.VillageCode, d.Village, d.Purpose), token).ConfigureAwait(false);
        await funds.UpdateAsync(d.AllocationId, input.Sequence, r => r with { OpenRequest = null }, token).ConfigureAwait(false);
        await audit.AppendOnceAsync(new AuditEntry(d.AllocationId, d.Step, "request", d.Actor, "EconomicOffice",
            $"{d.Village}资金拨付申请 {PaymentCheck.Yuan(d.Amount)} 元（{d.Purpose}）审核无误，应于 {Pages.Shown.Date(step.DueOn)} 前拨付。", d.DecidedAt, d.LinkId, d.ClientIp, d.UserAgent),
            $"request-{input.Request}", token).ConfigureAwait(false);
        return true;
    }
}
