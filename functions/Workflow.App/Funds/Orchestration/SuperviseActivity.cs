using Microsoft.DurableTask;
using Workflow.Domain.Calendar;
using Workflow.App.Audit;
using Workflow.App.Notifications;

namespace Workflow.App.Funds.Orchestration;

/// <summary>
/// A step's deadline passed unpaid: a 督办单 gives it the ledger's working days more (SupervisionPolicy), the payer
/// gets it with a fresh link, the county office a copy. Returns when the new deadline has passed.
/// </summary>
public sealed class SuperviseActivity(FundStore funds, FundRequests requests, FundDeadlines deadlines, AuditLog audit) : TaskActivity<StepAtInput, DateTimeOffset>
{
    public override async Task<DateTimeOffset> RunAsync(TaskActivityContext context, StepAtInput input)
    {
        var token = CancellationToken.None;
        var allocation = (await funds.GetAsync(input.AllocationId, token).ConfigureAwait(false))!.Allocation;
        var newDueOn = deadlines.Supervision.NoticeDeadline(input.At, deadlines.Calendar);
        var step = await funds.UpdateStepAsync(input.AllocationId, input.Step, input.Sequence, s => s.Supervise(ShanghaiTime.DateOf(input.At), newDueOn), token)
            .ConfigureAwait(false);
        var payer = FundRecipients.NameOf(allocation, step.Stage);
        var number = FundRequests.NoticeNumber(allocation, step);
        var text = $"逾期未拨付，县扶贫办下发督办单（{number}），新拨付时限 {Pages.Shown.Date(step.DueOn)}。";
        await audit.AppendOnceAsync(new AuditEntry(allocation.AllocationId, input.Step, "supervise", "系统（到期自动督办）", "System", text, input.At), $"supervise-{input.Step}", token)
            .ConfigureAwait(false);
        await requests.AskToPayAsync(allocation, step, input.Sequence, input.At, NotificationKinds.Escalated, "督办单：扶贫资金拨付已逾期",
            $"督办单（{number}）：{payer}未在时限内拨付，现予督办，逾期将约谈主要负责人。", token).ConfigureAwait(false);
        await requests.InformAsync(allocation, input.Step, input.Sequence, "county", FundRecipients.CountyOffice(allocation), NotificationKinds.Escalated,
            $"已下发督办单：{payer}", $"{FundRequests.Describe(allocation, step)}已逾期，督办单（{number}）已生成，可在资金分配页打印送达。", input.At, token).ConfigureAwait(false);
        return step.OverdueAt;
    }
}
