using Microsoft.DurableTask;
using Workflow.Domain.Rectification;
using Workflow.App.Durable;

namespace Workflow.App.Rectification.Orchestration;

/// <summary>
/// One rectification item (整改事项) from hand-over to 销号. Each round the unit is asked to submit through a link and
/// the county to verify through another; a send-back starts the next round. While the unit has the item its deadline
/// is a county timer: the first time it passes a 督办单 sets a new deadline, the second time the unit is summoned (约谈).
/// Decisions arrive as events named by their step (<c>submit-1</c>, <c>verify-1</c>, …), each awaited once: a decision
/// raised again (the redelivery sweep, a double click) waits unread under a step that is over, and is never applied twice.
/// </summary>
public sealed class RectificationOrchestrator : TaskOrchestrator<RectificationInput, RectificationResult>
{
    public const string Name = "Rectification";

    public override async Task<RectificationResult> RunAsync(TaskOrchestrationContext context, RectificationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await context.CheckpointStartAsync();
        var sequence = 0;
        var stage = OverdueStage.None;
        for (var round = 1; ; round++)
        {
            var submitStep = RectificationSteps.Submit(round);
            context.SetCustomStatus(submitStep);
            var overdueAt = await context.CallActivityAsync<DateTimeOffset>(RectificationActivities.OpenSubmit,
                new ItemStepInput(input.ItemId, submitStep, ++sequence), ActivityRetry.Options);
            var submission = context.WaitForEventAsync<RectificationDecision>(submitStep);
            while (stage != OverdueStage.Summoned)
            {
                using var stopTimer = new CancellationTokenSource();
                var overdue = context.WaitUntilAsync(overdueAt, stopTimer.Token);
                if (await Task.WhenAny(submission, overdue) == submission)
                {
                    // Cancel synchronously: CancelAsync would resume the orchestrator outside replay.
                    stopTimer.Cancel();
                    break;
                }

                var late = new OverdueInput(input.ItemId, submitStep, ++sequence, await overdue);
                if (stage == OverdueStage.None)
                {
                    overdueAt = await context.CallActivityAsync<DateTimeOffset>(RectificationActivities.Supervise, late, ActivityRetry.Options);
                    stage = OverdueStage.Supervised;
                }
                else
                {
                    await context.CallActivityAsync(RectificationActivities.Summon, late, ActivityRetry.Options);
                    stage = OverdueStage.Summoned;
                }
            }

            await context.CallActivityAsync(RectificationActivities.Record, new RecordInput(await submission, ++sequence), ActivityRetry.Options);

            var verifyStep = RectificationSteps.Verify(round);
            context.SetCustomStatus(verifyStep);
            await context.CallActivityAsync(RectificationActivities.OpenVerify, new ItemStepInput(input.ItemId, verifyStep, ++sequence), ActivityRetry.Options);
            var verdict = await context.WaitForEventAsync<RectificationDecision>(verifyStep);
            await context.CallActivityAsync(RectificationActivities.Record, new RecordInput(verdict, ++sequence), ActivityRetry.Options);
            if (verdict.Verdict == RectificationVerdict.Verified)
            {
                context.SetCustomStatus(nameof(RectificationStatus.Closed));
                return new RectificationResult(RectificationStatus.Closed, round);
            }
        }
    }
}
