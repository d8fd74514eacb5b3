using Workflow.Domain.Calendar;
using Workflow.Domain.Campaigns;
using Microsoft.DurableTask;
using Workflow.App.Durable;

namespace Workflow.App.Campaigns.Orchestration;

/// <summary>
/// One county's campaign year (年度脱贫攻坚), one phase per execution. The phase is entered at its start date (a
/// durable timer) or earlier when the office starts it; while it is open the orchestration sleeps until the next
/// instant the schedule names (a task reminder, a 逾期, the phase's last day) and reviews the tasks then. The phase
/// never closes itself: the office's advance closes it, and the orchestration continues as new with the next phase,
/// so history stays one phase long and the next phase runs on the newest registered version. Its times are county
/// times (the app's clock, read through an activity), not the engine's. The gates are checked
/// here, as the advance is taken (the request's check may be stale: findings imported, or the command queued while
/// the worker was down); a failed check refuses the advance unless a CountyAdmin overrode, and is recorded. An advance
/// raised twice is taken once: a copy for a closed phase, or for an attempt already refused, is passed over.
/// </summary>
// DURABLE0011 (a loop without ContinueAsNew): the loop of an open phase ends with the office's advance, which continues
// as new; until then it holds one review per reminder or 逾期 instant of the phase's tasks.
#pragma warning disable DURABLE0011
public sealed class CampaignOrchestrator : TaskOrchestrator<CampaignInput, CampaignResult?>
{
    public const string Name = "Campaign";

    public override async Task<CampaignResult?> RunAsync(TaskOrchestrationContext context, CampaignInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var plan = input.Plan;
        var phase = plan.Phases[input.PhaseIndex];

        // The clock is read before the phase shows as awaiting its start, so whoever sees that status and then moves past
        // the start date (a test's clock) finds the phase entered at its date, not at the moment the clock was read.
        var now = await context.ReadCountyClockAsync();
        context.SetCustomStatus(new CampaignProgress(phase.Key, Open: false, input.Entered, context.Version));
        var startsAt = ShanghaiTime.StartOf(phase.Start);
        var (startedBy, enteredAt) = await WaitForStartAsync(context, phase.Key, startsAt, now);
        var entered = input.Entered.Append(new PhaseEntry(phase.Key, ShanghaiTime.DateOf(enteredAt))).ToList();
        await context.CallActivityAsync(CampaignActivities.EnterPhase,
            new PhaseActivityInput(plan, input.PhaseIndex, enteredAt, startedBy, context.Version, entered), ActivityRetry.Options);
        context.SetCustomStatus(new CampaignProgress(phase.Key, Open: true, entered, context.Version));

        var rules = ScheduleRules.Default;
        var endReminder = CampaignSchedule.EndReminderAt(phase, rules);
        var endReminded = enteredAt >= endReminder;
        var advance = context.WaitForEventAsync<AdvanceCommand>(CampaignEvents.Advance);
        var refused = 0;

        // Instants are taken one after another from the last one reviewed, not from now: when the worker was down (or
        // a test's clock jumps), every reminder and 逾期 missed in between still happens, each with its own time.
        var reviewedUntil = enteredAt;
        while (true)
        {
            var review = CampaignSchedule.ReviewTimes(plan, entered, reviewedUntil, rules, CampaignCalendar.Working).Cast<DateTimeOffset?>().FirstOrDefault();
            DateTimeOffset? next = !endReminded && (review is null || endReminder <= review) ? endReminder : review;
            using var stopTimer = new CancellationTokenSource();
            var timer = next is { } at ? context.WaitUntilAsync(at, stopTimer.Token) : null;
            var first = await Task.WhenAny(timer is null ? new Task[] { advance } : new Task[] { advance, timer });
            if (first == timer)
            {
                if (next == endReminder && !endReminded)
                {
                    endReminded = true;
                    await context.CallActivityAsync(CampaignActivities.RemindPhaseEnd,
                        new PhaseActivityInput(plan, input.PhaseIndex, endReminder, null, context.Version, entered), ActivityRetry.Options);
                }

                if (review is { } reviewAt && next == reviewAt)
                {
                    reviewedUntil = reviewAt;
                    await context.CallActivityAsync(CampaignActivities.ReviewTasks, new ReviewInput(plan, reviewAt, entered), ActivityRetry.Options);
                }

                continue;
            }

            // Cancel synchronously: CancelAsync would resume the orchestrator outside replay.
            stopTimer.Cancel();
            var command = await advance;
            if (command.From != phase.Key || command.Attempt != refused)
            {
                // A late copy of an earlier advance (that phase is closed already) or of an attempt refused already.
                advance = context.WaitForEventAsync<AdvanceCommand>(CampaignEvents.Advance);
                continue;
            }

            var blockers = await context.CallActivityAsync<IReadOnlyList<string>>(CampaignActivities.CheckGates, new GateInput(plan, phase.Key), ActivityRetry.Options);
            var takenAt = await context.ReadCountyClockAsync();
            if (blockers.Count > 0 && command.OverrideReason is null)
            {
                await context.CallActivityAsync(CampaignActivities.RecordRefusedAdvance,
                    new RefusedAdvanceInput(plan, input.PhaseIndex, command, refused, blockers, takenAt, context.Version), ActivityRetry.Options);
                refused++;
                context.SetCustomStatus(new CampaignProgress(phase.Key, Open: true, entered, context.Version, refused));
                advance = context.WaitForEventAsync<AdvanceCommand>(CampaignEvents.Advance);
                continue;
            }

            // An override goes past what blocks now, which the audit names; with nothing blocking it is a plain advance.
            command = command with { OverrideReason = blockers.Count > 0 ? command.OverrideReason : null, Overridden = blockers };
            await context.CallActivityAsync(CampaignActivities.RecordAdvance,
                new AdvanceInput(plan, input.PhaseIndex, command, takenAt, context.Version), ActivityRetry.Options);
            if (input.PhaseIndex + 1 == plan.Phases.Count)
            {
                context.SetCustomStatus(new CampaignProgress(phase.Key, Open: false, entered, context.Version));
                return new CampaignResult(phase.Key, takenAt);
            }

            var newest = await context.CallActivityAsync<string>(NewestVersionActivity.Name, Name, ActivityRetry.Options);
            context.ContinueAsNew(new ContinueAsNewOptions { NewInput = input with { PhaseIndex = input.PhaseIndex + 1, Entered = entered }, NewVersion = newest });
            return null;
        }
    }

    /// <summary>
    /// Waits for the phase's start date or the office's start, whichever is first; returns who started it (null: the date)
    /// and when it began: at the start of its date when the timer ran out (however late the timer was taken), at once
    /// when the date had already come as the previous phase closed.
    /// </summary>
    private static async Task<(string? Actor, DateTimeOffset At)> WaitForStartAsync(TaskOrchestrationContext context, string phaseKey, DateTimeOffset startsAt, DateTimeOffset now)
    {
        if (now >= startsAt)
        {
            return (null, now);
        }

        using var stopTimer = new CancellationTokenSource();
        var timer = context.WaitUntilAsync(startsAt, stopTimer.Token);
        while (true)
        {
            var start = context.WaitForEventAsync<StartPhaseCommand>(CampaignEvents.StartPhase);
            var first = await Task.WhenAny(timer, start);
            if (first == timer)
            {
                return (null, startsAt);
            }

            var command = await start;
            if (command.Phase == phaseKey)
            {
                stopTimer.Cancel();
                return (command.Actor, command.At);
            }
        }
    }
}
#pragma warning restore DURABLE0011
