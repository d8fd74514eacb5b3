using Microsoft.DurableTask;
using Workflow.App.Audit;
using Workflow.App.Notifications;

namespace Workflow.App.Funds.Orchestration;

/// <summary>Records a step's payment (checked at the link, so it fits), audits it, and tells the county office.</summary>
public sealed class RecordPaymentActivity(FundStore funds, FundRequests requests, AuditLog audit) : TaskActivity<PaymentInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, PaymentInput input)
    {
        var token = CancellationToken.None;
        var d = input.Decision;
        var allocation = (await funds.GetAsync(d.AllocationId, token).ConfigureAwait(false))!.Allocation;
        var step = await funds.UpdateStepAsync(d.AllocationId, d.Step, input.Sequence, s => s.Pay(d.Amount, d.PaidOn, d.Actor, d.VoucherId), token).ConfigureAwait(false);
        var text = $"{Domain.Funds.PaymentCheck.Yuan(d.Amount)} 元已于 {Pages.Shown.Date(d.PaidOn)} 拨付至{FundRecipients.PayeeOf(allocation, step)}（凭证 {d.VoucherId}）。";
        await audit.AppendOnceAsync(new AuditEntry(d.AllocationId, d.Step, "pay", d.Actor, FundRecipients.Payer(allocation, step.Stage).Split('@')[0], text, d.DecidedAt,
            d.LinkId, d.ClientIp, d.UserAgent), $"pay-{d.Step}", token).ConfigureAwait(false);
        await requests.InformAsync(allocation, d.Step, input.Sequence, "county", FundRecipients.CountyOffice(allocation), NotificationKinds.CaseApproved,
            $"已拨付：{FundRecipients.NameOf(allocation, step.Stage)}", $"{FundRequests.Describe(allocation, step)}：{text}", d.DecidedAt, token).ConfigureAwait(false);
        return true;
    }
}
