using Microsoft.DurableTask;
using Workflow.Domain.Projects;
using Workflow.App.Durable;

namespace Workflow.App.Projects.Orchestration;

/// <summary>
/// One execution of a project's workflow. The store is the truth: each turn opens the step the store says the project
/// waits on (so a return, 退回 or 异议成立, needs no branch here: the proposal simply opens again) and waits for the store
/// to report it ended (<see cref="ProjectEvents.StepEnded"/> of that round; a copy of an earlier round is passed over).
/// A decision step has a reminder before its deadline and a 督办 when it passes; a reminder or 督办 that finds the step
/// ended in the store without its event (a crash between the write and the raise) ends the wait. A notice runs its
/// days as a county timer, paused by each objection until the step's decider reviews it. In operation one quarter is
/// awaited, reminded and escalated, then the workflow continues as new for the next.
/// </summary>
// DURABLE0011 (a loop without ContinueAsNew): the steps' loop ends with the procedure (a return restarts it, a handful of
// times at most), and operation continues as new every quarter.
#pragma warning disable DURABLE0011
internal sealed class ProjectRun(TaskOrchestrationContext context, ProjectInput input)
{
    private readonly HashSet<string> _objectionsTaken = new(StringComparer.Ordinal);
    private int _sequence = input.Sequence;

    private int Next() => ++_sequence;

    public async Task<string> RunAsync()
    {
        while (true)
        {
            var opened = await context.CallActivityAsync<ProjectStepOpening>(ProjectActivities.OpenStep, new ProjectStepInput(input.ProjectId, Next()), ActivityRetry.Options);
            context.SetCustomStatus(opened.StepKey);
            if (opened.Kind == ProjectStepKind.Operation)
            {
                var quarter = await RunQuarterAsync();
                // Events of this execution (copies of quarters already recorded) are not carried on: a new quarter's link is
                // only sent by the next execution, so nothing it waits for can have come yet.
                context.ContinueAsNew(new ProjectInput(input.ProjectId, _sequence), preserveUnprocessedEvents: false);
                return quarter;
            }

            if (opened.Kind == ProjectStepKind.Notice)
            {
                await RunNoticeAsync(opened);
                continue;
            }

            using var stopWaiting = new CancellationTokenSource();
            if (!await WaitAsync(StepEndedAsync(opened.Round, stopWaiting.Token), opened.Deadline!, opened.StepKey, opened.Clock))
            {
                stopWaiting.Cancel();
            }
        }
    }

    /// <summary>
    /// Waits for <paramref name="awaited"/>, reminding and then escalating on time. False when a reminder or the 督办 found
    /// that what is awaited has already happened in the store (its event lost to a crash): the caller reads the store again.
    /// </summary>
    private async Task<bool> WaitAsync(Task awaited, ProjectDeadline deadline, string key, CountyClockReading? clock)
    {
        var timers = new Queue<(DateTimeOffset At, string Activity)>();
        if (deadline.RemindAt is { } remindAt)
        {
            timers.Enqueue((remindAt, ProjectActivities.Remind));
        }

        timers.Enqueue((deadline.OverdueAt, ProjectActivities.Escalate));
        while (timers.Count > 0)
        {
            var (at, activity) = timers.Dequeue();
            using var stopTimer = new CancellationTokenSource();
            var timer = context.WaitUntilAsync(at, clock, stopTimer.Token);
            if (await Task.WhenAny(awaited, timer) == awaited)
            {
                // Cancel synchronously: CancelAsync would resume the orchestrator outside replay.
                stopTimer.Cancel();
                return true;
            }

            clock = null;
            if (!await context.CallActivityAsync<bool>(activity, new ProjectAtInput(input.ProjectId, key, Next(), await timer, deadline), ActivityRetry.Options))
            {
                return false;
            }
        }

        // Escalated: the holder keeps a long-lived link, and the wait has no further deadline.
        await awaited;
        return true;
    }

    /// <summary>公示: the notice's days as a county timer; an objection pauses it until the step's decider reviews it.</summary>
    private async Task RunNoticeAsync(ProjectStepOpening opened)
    {
        using var stopEnded = new CancellationTokenSource();
        var ended = StepEndedAsync(opened.Round, stopEnded.Token);
        var endsAt = opened.NoticeEndsAt!.Value;
        CountyClockReading? clock = opened.Clock;
        var reviews = 0;
        while (true)
        {
            using var stopTimer = new CancellationTokenSource();
            using var stopListening = new CancellationTokenSource();
            var timer = context.WaitUntilAsync(endsAt, clock, stopTimer.Token);
            var objection = NextObjectionAsync(opened.StepKey, stopListening.Token);
            var first = await Task.WhenAny(timer, objection, ended);
            if (first == timer)
            {
                stopListening.Cancel();
                stopEnded.Cancel();
                await context.CallActivityAsync<bool>(ProjectActivities.PassNotice, new ProjectAtInput(input.ProjectId, opened.StepKey, Next(), await timer), ActivityRetry.Options);
                return;
            }

            stopTimer.Cancel();
            if (first == ended)
            {
                // Decided in the store meanwhile (the county API): the next turn opens what follows.
                stopListening.Cancel();
                return;
            }

            var filed = await objection;
            var left = endsAt - filed.FiledAt;
            var reviewKey = ProjectStepKeys.Review(opened.StepKey, ++reviews);
            var deadline = await context.CallActivityAsync<ProjectDeadline>(ProjectActivities.TakeObjection, new ProjectObjectionInput(filed, reviewKey, reviews, Next()),
                ActivityRetry.Options);
            using var stopReview = new CancellationTokenSource();
            var dismissed = DismissedAsync(reviewKey, stopReview.Token);
            // 异议成立 ends the step in the store (ObjectionUpheld, back to the proposal): it comes as the step's end.
            if (!await WaitAsync(Task.WhenAny(dismissed, ended), deadline, reviewKey, null) || ended.IsCompleted)
            {
                stopReview.Cancel();
                stopEnded.Cancel();
                return;
            }

            endsAt = await context.CallActivityAsync<DateTimeOffset>(ProjectActivities.ResumeNotice, new ProjectResumeInput(input.ProjectId, opened.StepKey, Next(), left),
                ActivityRetry.Options);
            clock = null;
        }
    }

    /// <summary>运营: the next quarter is awaited until it ends, then its report asked of the township, reminded and escalated.</summary>
    private async Task<string> RunQuarterAsync()
    {
        var opening = await context.CallActivityAsync<ProjectQuarterOpening>(ProjectActivities.OpenQuarter, new ProjectStepInput(input.ProjectId, Next()), ActivityRetry.Options);
        context.SetCustomStatus(opening.Quarter);
        var endedAt = await context.WaitUntilAsync(opening.EndsAt, opening.Clock, CancellationToken.None);
        var deadline = await context.CallActivityAsync<ProjectDeadline?>(ProjectActivities.AskQuarter, new ProjectAtInput(input.ProjectId, opening.Quarter, Next(), endedAt),
            ActivityRetry.Options);
        if (deadline is not null)
        {
            using var stopWaiting = new CancellationTokenSource();
            if (!await WaitAsync(QuarterRecordedAsync(opening.Quarter, stopWaiting.Token), deadline, opening.Quarter, null))
            {
                stopWaiting.Cancel();
            }
        }

        return opening.Quarter;
    }

    private async Task<ProjectStepEndedEvent> StepEndedAsync(int round, CancellationToken cancellationToken)
    {
        var ended = await context.WaitForEventAsync<ProjectStepEndedEvent>(ProjectEvents.StepEnded, cancellationToken);
        while (ended.Round < round)
        {
            ended = await context.WaitForEventAsync<ProjectStepEndedEvent>(ProjectEvents.StepEnded, cancellationToken);
        }

        return ended;
    }

    /// <summary>The next objection to this notice not taken yet: one raised again after a crash, or to an earlier notice, is passed over.</summary>
    private async Task<ProjectObjection> NextObjectionAsync(string stepKey, CancellationToken cancellationToken)
    {
        var objection = await context.WaitForEventAsync<ProjectObjection>(ProjectEvents.Objection, cancellationToken);
        while (objection.StepKey != stepKey || !_objectionsTaken.Add(objection.ObjectionId))
        {
            objection = await context.WaitForEventAsync<ProjectObjection>(ProjectEvents.Objection, cancellationToken);
        }

        return objection;
    }

    private async Task<ProjectObjectionDismissed> DismissedAsync(string reviewKey, CancellationToken cancellationToken)
    {
        var dismissed = await context.WaitForEventAsync<ProjectObjectionDismissed>(ProjectEvents.ObjectionDismissed, cancellationToken);
        while (dismissed.ReviewKey != reviewKey)
        {
            dismissed = await context.WaitForEventAsync<ProjectObjectionDismissed>(ProjectEvents.ObjectionDismissed, cancellationToken);
        }

        return dismissed;
    }

    private async Task<ProjectQuarterRecorded> QuarterRecordedAsync(string quarter, CancellationToken cancellationToken)
    {
        var recorded = await context.WaitForEventAsync<ProjectQuarterRecorded>(ProjectEvents.QuarterRecorded, cancellationToken);
        while (recorded.Quarter != quarter)
        {
            recorded = await context.WaitForEventAsync<ProjectQuarterRecorded>(ProjectEvents.QuarterRecorded, cancellationToken);
        }

        return recorded;
    }
}
#pragma warning restore DURABLE0011
