using Workflow.Domain.Exits;
using Microsoft.DurableTask;
using Workflow.App.Durable;

namespace Workflow.App.Exits.Orchestration;

/// <summary>
/// The last step of a case procedure, where the register changes and nobody decides: 销号 for an exit, 挂号 for an entry.
/// </summary>
/// <param name="StepCode">The procedure's step code (the case's custom status while it runs).</param>
/// <param name="StepName">zh-CN name of the step, as the activity's input says it.</param>
/// <param name="Activity">The activity that changes the register.</param>
/// <param name="ApprovedOutcome">The outcome an approved case closes with.</param>
public sealed record CaseFinalStep(string StepCode, string StepName, string Activity, string ApprovedOutcome);

/// <summary>
/// One case (exit or entry) step by step in the procedure's order: a step opens only when the one before it has been
/// approved. Decisions, objections and a withdrawal arrive as events; reminders and escalations are county timers at
/// the times the step's SLA gives. The engine delivers an event as often as it is raised (the sweep re-raises a kept
/// decision a crash left unmarked), so each is applied once: a decision is awaited once under its step's name and a
/// late copy stays unread; an objection already reviewed is recognised by its id and skipped. Objections are reviewed
/// in rounds (异议复核): one round decides every objection filed until its decision, so a second objection filed while
/// the township reviews the first joins that review instead of opening another. Holds the state of one execution:
/// the sequence numbers it hands out and the pending withdrawal.
/// </summary>
// DURABLE0011 (a loop without ContinueAsNew): a case's loops end with its decisions, and its history holds at most a
// reminder and an escalation per step and at most one round per objection, a few hundred events over the case's life.
#pragma warning disable DURABLE0011
internal sealed class CaseProcedureRun(TaskOrchestrationContext context, ExitCaseInput input, CaseFinalStep final)
{
    private readonly Task<Withdrawal> _withdrawal = context.WaitForEventAsync<Withdrawal>(ExitEvents.Withdrawal);
    private readonly HashSet<string> _objectionsTaken = new(StringComparer.Ordinal);
    private int _sequence;
    private int _reviews;

    // An approval's audit and history entry is written while the next step opens, not before: the approver's click
    // reaches the next approver one activity sooner. Awaited before the case closes, so a failure still fails the case.
    private Task _recording = Task.CompletedTask;

    private int Next() => ++_sequence;

    public async Task<ExitCaseResult> RunAsync()
    {
        foreach (var step in input.Procedure.Steps)
        {
            var ended = step.Kind switch
            {
                ExitStepKind.Decision => (await DecideAsync(step, step.Code)).Ended,
                ExitStepKind.PublicNotice => await RunNoticeAsync(),
                _ => await FinalStepAsync(),
            };
            if (ended is not null)
            {
                return ended;
            }
        }

        return await CloseAsync(ExitCaseStatus.Approved, final.ApprovedOutcome);
    }

    /// <summary>
    /// Waits for the step's decision, reminding and escalating on time. <paramref name="round"/> is given for an
    /// objection review: an objection filed meanwhile is recorded and joins it.
    /// </summary>
    /// <returns>How the case ended (null when the step was approved), and the decision.</returns>
    private async Task<(ExitCaseResult? Ended, StepDecision? Made)> DecideAsync(
        ProcedureStep step, string stepKey, string? rejectedAs = null, List<Objection>? round = null)
    {
        context.SetCustomStatus(stepKey);
        var opened = await context.CallActivityAsync<OpenedStep>(
            ExitActivities.OpenStep, new StepInput(input.CaseId, step, stepKey, Next()), ActivityRetry.Options);
        var deadline = opened.Deadline;
        CountyClockReading? clock = opened.Clock;
        using var stopWaiting = new CancellationTokenSource();
        var decision = context.WaitForEventAsync<StepDecision>(ExitEvents.Decision(stepKey), stopWaiting.Token);
        var objection = round is null ? null : NextObjectionAsync(stopWaiting.Token);
        var timers = new Queue<(DateTimeOffset At, string Activity)>();
        if (deadline.RemindAt is { } remindAt)
        {
            timers.Enqueue((remindAt, ExitActivities.Remind));
        }

        timers.Enqueue((deadline.DueAt, ExitActivities.Escalate));
        while (true)
        {
            using var stopTimer = new CancellationTokenSource();
            var next = timers.Count > 0 ? timers.Peek() : default;
            var waits = new List<Task> { decision, _withdrawal };
            var timer = timers.Count > 0 ? context.WaitUntilAsync(next.At, clock, stopTimer.Token) : null;
            if (timer is not null)
            {
                waits.Add(timer);
            }

            if (objection is not null)
            {
                waits.Add(objection);
            }

            var first = await Task.WhenAny(waits);
            if (first == timer)
            {
                timers.Dequeue();
                clock = null;
                await context.CallActivityAsync(next.Activity, new StepInput(input.CaseId, step, stepKey, Next()), ActivityRetry.Options);
                continue;
            }

            // Cancel synchronously: CancelAsync would resume the orchestrator outside replay.
            stopTimer.Cancel();
            if (first == objection)
            {
                var joined = await objection;
                round!.Add(joined);
                await context.CallActivityAsync(ExitActivities.RecordObjection,
                    new ObjectionInput(joined, stepKey, Next(), ObjectionArrival.JoinsReview), ActivityRetry.Options);
                objection = NextObjectionAsync(stopWaiting.Token);
                // The cancelled timer's clock reading is stale now: the next one reads the clock again.
                clock = null;
                continue;
            }

            stopWaiting.Cancel();
            if (first == _withdrawal)
            {
                return (await WithdrawnAsync(), null);
            }

            var made = await decision;
            _recording = Task.WhenAll(_recording, context.CallActivityAsync(ExitActivities.RecordDecision, new DecisionInput(made, step.Name, Next()), ActivityRetry.Options));
            return made.Approved
                ? (null, made)
                : (await CloseAsync(ExitCaseStatus.Rejected, $"{rejectedAs ?? step.Name + "未通过"}：{made.Comment}"), made);
        }
    }

    /// <summary>公示: the notice period as a durable timer, paused by each objection until its review decides.</summary>
    private async Task<ExitCaseResult?> RunNoticeAsync()
    {
        context.SetCustomStatus(ExitProcedure.Notice);
        var procedure = input.Procedure;
        var period = input.NoticePeriod ?? TimeSpan.FromDays(procedure.NoticeDays);
        var remaining = period;
        while (true)
        {
            var opened = await context.CallActivityAsync<OpenedNotice>(ExitActivities.OpenNotice,
                new NoticeInput(input.CaseId, Next(), remaining, Resumed: _reviews > 0), ActivityRetry.Options);
            var endsAt = opened.EndsAt;
            using var stopTimer = new CancellationTokenSource();
            using var stopListening = new CancellationTokenSource();
            var timer = context.WaitUntilAsync(endsAt, opened.Clock, stopTimer.Token);
            var objection = NextObjectionAsync(stopListening.Token);
            var first = await Task.WhenAny(timer, objection, _withdrawal);
            if (first == timer)
            {
                stopListening.Cancel();
                await context.CallActivityAsync(ExitActivities.AppendTimeline, new TimelineInput(input.CaseId,
                    new TimelineEntry(Next(), await timer, TimelineKinds.NoticePassed, ExitProcedure.Notice, "公示期满，无异议或异议已处理。")), ActivityRetry.Options);
                return null;
            }

            stopTimer.Cancel();
            if (first == _withdrawal)
            {
                stopListening.Cancel();
                return await WithdrawnAsync();
            }

            var filed = await objection;
            var left = endsAt - filed.FiledAt;
            var review = await ReviewAsync(filed);
            if (review is not null)
            {
                return review;
            }

            context.SetCustomStatus(ExitProcedure.Notice);
            remaining = procedure.AfterObjectionDismissed == ObjectionResumption.Restart || left <= TimeSpan.Zero ? period : left;
        }
    }

    /// <summary>
    /// 异议复核: a round decides every objection filed before its decision. An objection the reviewer had not seen
    /// when deciding (filed as the decision was sent) is not decided by it: it goes to a round of its own.
    /// </summary>
    /// <returns>How the case ended (the objections upheld or a withdrawal), or null when every objection was dismissed.</returns>
    private async Task<ExitCaseResult?> ReviewAsync(Objection filed)
    {
        var round = new List<Objection> { filed };
        var arrival = ObjectionArrival.PausesNotice;
        while (true)
        {
            var reviewKey = ExitProcedure.ObjectionReviewKey(++_reviews);
            foreach (var objection in round)
            {
                await context.CallActivityAsync(ExitActivities.RecordObjection, new ObjectionInput(objection, reviewKey, Next(), arrival), ActivityRetry.Options);
            }

            var (ended, made) = await DecideAsync(input.Procedure.ObjectionReview, reviewKey, rejectedAs: "公示异议成立", round);
            if (ended is not null)
            {
                return ended;
            }

            // A decision that names no objections (made before reviewers saw them listed) decides the whole round.
            round = made!.Objections is { } seen ? round.Where(o => !seen.Contains(o.ObjectionId)).ToList() : [];
            if (round.Count == 0)
            {
                return null;
            }

            arrival = ObjectionArrival.Unseen;
        }
    }

    /// <summary>The next objection not reviewed yet: a copy of one already taken (raised again after a crash) is passed over.</summary>
    private async Task<Objection> NextObjectionAsync(CancellationToken cancellationToken)
    {
        var objection = await context.WaitForEventAsync<Objection>(ExitEvents.Objection, cancellationToken);
        while (!_objectionsTaken.Add(objection.ObjectionId))
        {
            objection = await context.WaitForEventAsync<Objection>(ExitEvents.Objection, cancellationToken);
        }

        return objection;
    }

    /// <summary>The register changes (销号 or 挂号): nobody decides, the activity writes it.</summary>
    private async Task<ExitCaseResult?> FinalStepAsync()
    {
        context.SetCustomStatus(final.StepCode);
        await context.CallActivityAsync(final.Activity, new CloseInput(input.CaseId, Next(), ExitCaseStatus.Approved, final.StepName), ActivityRetry.Options);
        return null;
    }

    private async Task<ExitCaseResult> WithdrawnAsync()
    {
        var withdrawal = await _withdrawal;
        return await CloseAsync(ExitCaseStatus.Withdrawn, $"县扶贫办撤回：{withdrawal.Reason}");
    }

    private async Task<ExitCaseResult> CloseAsync(ExitCaseStatus status, string outcome)
    {
        await _recording;
        await context.CallActivityAsync(ExitActivities.Close, new CloseInput(input.CaseId, Next(), status, outcome), ActivityRetry.Options);
        context.SetCustomStatus(status.ToString());
        return new ExitCaseResult(status, outcome);
    }
}
#pragma warning restore DURABLE0011
