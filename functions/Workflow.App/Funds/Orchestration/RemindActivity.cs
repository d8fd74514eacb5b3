using Microsoft.DurableTask;
using Workflow.App.Notifications;

namespace Workflow.App.Funds.Orchestration;

/// <summary>The reminder before a step's deadline: the payer gets a fresh link with the deadline restated.</summary>
public sealed class RemindActivity(FundStore funds, FundRequests requests) : TaskActivity<StepAtInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, StepAtInput input)
    {
        var token = CancellationToken.None;
        var allocation = (await funds.GetAsync(input.AllocationId, token).ConfigureAwait(false))!.Allocation;
        var step = (await funds.GetStepAsync(input.AllocationId, input.Step, token).ConfigureAwait(false))!;
        await requests.AskToPayAsync(allocation, step, input.Sequence, input.At, NotificationKinds.Reminder, "提醒：扶贫资金拨付即将到期",
            $"提醒：拨付时限 {Pages.Shown.Date(step.DueOn)} 即将到期。", token).ConfigureAwait(false);
        return true;
    }
}
