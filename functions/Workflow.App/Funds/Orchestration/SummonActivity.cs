using Microsoft.DurableTask;
using Workflow.App.Audit;
using Workflow.App.Notifications;

namespace Workflow.App.Funds.Orchestration;

/// <summary>The 督办单's deadline passed too: the payer's head is summoned (约谈); the payer keeps a long-lived link to pay.</summary>
public sealed class SummonActivity(FundStore funds, FundRequests requests, AuditLog audit) : TaskActivity<StepAtInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, StepAtInput input)
    {
        var token = CancellationToken.None;
        var allocation = (await funds.GetAsync(input.AllocationId, token).ConfigureAwait(false))!.Allocation;
        var step = await funds.UpdateStepAsync(input.AllocationId, input.Step, input.Sequence, s => s.Summon(), token).ConfigureAwait(false);
        var payer = FundRecipients.NameOf(allocation, step.Stage);
        var text = $"督办后仍未拨付，约谈{payer}主要负责人。";
        await audit.AppendOnceAsync(new AuditEntry(allocation.AllocationId, input.Step, "summon", "系统（到期自动约谈）", "System", text, input.At), $"summon-{input.Step}", token)
            .ConfigureAwait(false);
        await requests.AskToPayAsync(allocation, step, input.Sequence, input.At, NotificationKinds.Escalated, "约谈通知：扶贫资金拨付督办后仍逾期",
            $"{payer}在督办时限内仍未拨付，县纪委监委将约谈主要负责人。", token).ConfigureAwait(false);
        await requests.InformAsync(allocation, input.Step, input.Sequence, "county", FundRecipients.CountyOffice(allocation), NotificationKinds.Escalated,
            $"督办逾期，需约谈：{payer}", $"{FundRequests.Describe(allocation, step)}督办后仍未拨付，请安排约谈。", input.At, token).ConfigureAwait(false);
        return true;
    }
}
