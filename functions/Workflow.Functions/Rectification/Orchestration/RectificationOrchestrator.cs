using Workflow.Domain.Rectification;
using Workflow.Durable;

namespace Workflow.Functions.Rectification.Orchestration;

/// <summary>
/// One rectification item (整改事项) from hand-over to 销号. Each round the unit is asked to submit through a link and
/// the county to verify through another; a send-back starts the next round. While the unit has the item its deadline
/// is a durable timer: the first time it passes a 督办单 sets a new deadline, the second time the unit is summoned (约谈).
/// </summary>
public sealed class RectificationOrchestrator : TaskOrchestrator<RectificationInput, RectificationResult>
{
    public const string Name = "Rectification";

    public override async Task<RectificationResult> RunAsync(TaskOrchestrationContext context, RectificationInput input)
    {
        var sequence = 0;
        var stage = OverdueStage.None;
        for (var round = 1; ; round++)
        {
            var submitStep = RectificationSteps.Submit(round);
            context.SetCustomStatus(submitStep);
            var overdueAt = await context.CallActivityAsync<DateTimeOffset>(RectificationActivities.OpenSubmit,
                new ItemStepInput(input.ItemId, submitStep, ++sequence, context.CurrentUtcDateTime));
            var submission = context.WaitForExternalEvent<RectificationDecision>(submitStep);
            while (stage != OverdueStage.Summoned)
            {
                using var stopTimer = new CancellationTokenSource();
                var timer = context.CreateTimer(overdueAt.UtcDateTime, stopTimer.Token);
                if (await Task.WhenAny(submission, timer) == submission)
                {
                    // Cancel synchronously: CancelAsync would resume the orchestrator outside replay.
                    stopTimer.Cancel();
                    break;
                }

                var overdue = new ItemStepInput(input.ItemId, submitStep, ++sequence, context.CurrentUtcDateTime);
                if (stage == OverdueStage.None)
                {
                    overdueAt = await context.CallActivityAsync<DateTimeOffset>(RectificationActivities.Supervise, overdue);
                    stage = OverdueStage.Supervised;
                }
                else
                {
                    await context.CallActivityAsync(RectificationActivities.Summon, overdue);
                    stage = OverdueStage.Summoned;
                }
            }

            await context.CallActivityAsync(RectificationActivities.Record, new RecordInput(await submission, ++sequence));

            var verifyStep = RectificationSteps.Verify(round);
            context.SetCustomStatus(verifyStep);
            await context.CallActivityAsync(RectificationActivities.OpenVerify, new ItemStepInput(input.ItemId, verifyStep, ++sequence, context.CurrentUtcDateTime));
            var verdict = await context.WaitForExternalEvent<RectificationDecision>(verifyStep);
            await context.CallActivityAsync(RectificationActivities.Record, new RecordInput(verdict, ++sequence));
            if (verdict.Verdict == RectificationVerdict.Verified)
            {
                context.SetCustomStatus(nameof(RectificationStatus.Closed));
                return new RectificationResult(RectificationStatus.Closed, round);
            }
        }
    }
}
