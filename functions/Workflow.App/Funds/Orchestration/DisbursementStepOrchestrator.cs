using Microsoft.DurableTask;
using Workflow.Domain.Rectification;
using Workflow.App.Durable;

namespace Workflow.App.Funds.Orchestration;

/// <summary>
/// One step of an allocation (拨付环节): the payer gets a link, a reminder before the deadline, and when the deadline
/// passes unpaid a 督办单 with a new deadline, then 约谈, exactly as the rectification ledger escalates
/// (<see cref="SupervisionPolicy"/>). The payment arrives as an event named by the step, awaited once: a payment raised
/// again (the sweep, a double click) waits unread and is never recorded twice.
/// </summary>
public sealed class DisbursementStepOrchestrator : TaskOrchestrator<StepRunInput, bool>
{
    public const string Name = "FundDisbursementStep";

    public override async Task<bool> RunAsync(TaskOrchestrationContext context, StepRunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await context.CheckpointStartAsync();
        var sequence = 0;
        var opening = await context.CallActivityAsync<StepOpening>(FundActivities.OpenStep, new StepInput(input.AllocationId, input.Step, ++sequence), ActivityRetry.Options);
        var payment = context.WaitForEventAsync<PaymentDecision>(input.Step);

        if (opening.RemindAt is { } remindAt && !await ArrivesBeforeAsync(context, payment, remindAt))
        {
            await context.CallActivityAsync(FundActivities.Remind, new StepAtInput(input.AllocationId, input.Step, ++sequence, remindAt), ActivityRetry.Options);
        }

        var overdueAt = opening.OverdueAt;
        var stage = OverdueStage.None;
        while (stage != OverdueStage.Summoned && !await ArrivesBeforeAsync(context, payment, overdueAt))
        {
            var late = new StepAtInput(input.AllocationId, input.Step, ++sequence, overdueAt);
            if (stage == OverdueStage.None)
            {
                overdueAt = await context.CallActivityAsync<DateTimeOffset>(FundActivities.Supervise, late, ActivityRetry.Options);
                stage = OverdueStage.Supervised;
            }
            else
            {
                await context.CallActivityAsync(FundActivities.Summon, late, ActivityRetry.Options);
                stage = OverdueStage.Summoned;
            }
        }

        await context.CallActivityAsync(FundActivities.RecordPayment, new PaymentInput(await payment, ++sequence), ActivityRetry.Options);
        return stage == OverdueStage.None;
    }

    /// <summary>True when the payment came before the county clock reached <paramref name="at"/>.</summary>
    private static async Task<bool> ArrivesBeforeAsync(TaskOrchestrationContext context, Task<PaymentDecision> payment, DateTimeOffset at)
    {
        if (payment.IsCompleted)
        {
            return true;
        }

        using var stopTimer = new CancellationTokenSource();
        var timer = context.WaitUntilAsync(at, stopTimer.Token);
        if (await Task.WhenAny(payment, timer) == payment)
        {
            // Cancel synchronously: CancelAsync would resume the orchestrator outside replay.
            stopTimer.Cancel();
            return true;
        }

        await timer;
        return false;
    }
}
