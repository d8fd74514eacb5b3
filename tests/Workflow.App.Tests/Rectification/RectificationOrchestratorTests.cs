using Workflow.Domain.Rectification;
using Workflow.App.Durable;
using Workflow.App.Rectification;
using Workflow.App.Rectification.Orchestration;
using Workflow.App.Tests.Durable;
using Xunit;

namespace Workflow.App.Tests.Rectification;

/// <summary>
/// The rectification orchestration alone, on a scripted context: the test holds both clocks, fires the timers and
/// raises the decisions, so weeks of deadlines pass in no time. The activities are answered by the script; what is
/// checked is which activities the orchestrator calls, in which order, with which inputs (their sequence numbers key
/// what the activities write), and what it waits for in between.
/// </summary>
public sealed class RectificationOrchestratorTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan TwoSeconds = TimeSpan.FromSeconds(2);

    private const string ItemId = "220881-2026-3fa9c01b2e4d";

    /// <summary>Monday 2 March 2026, 09:00 in Beijing.</summary>
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>整改时限 Friday 13 March: overdue from midnight at its end, Beijing time.</summary>
    private static readonly DateTimeOffset Deadline = SupervisionPolicy.OverdueAt(new DateOnly(2026, 3, 13));

    /// <summary>The 督办单's deadline: five working days on, Friday 20 March.</summary>
    private static readonly DateTimeOffset NoticeDeadline = SupervisionPolicy.OverdueAt(new DateOnly(2026, 3, 20));

    [Fact]
    public void The_first_episode_is_a_checkpoint_so_no_link_goes_out_before_the_item_has_a_history()
    {
        var orchestration = Script();
        var run = Run(orchestration);

        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Equal(FormattableString.Invariant($"timer {Start.UtcDateTime:o}"), orchestration.Scheduled[0]);
        Assert.Equal(RectificationActivities.OpenSubmit, orchestration.Scheduled[1]);
    }

    [Fact]
    public async Task A_submission_before_the_deadline_then_a_verification_closes_the_item_in_one_round()
    {
        var orchestration = Script();
        var run = Run(orchestration);

        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Equal([new ItemStepInput(ItemId, "submit-1", 1)], orchestration.InputsOf<ItemStepInput>(RectificationActivities.OpenSubmit));
        Assert.Equal("submit-1", orchestration.CustomStatus);
        Assert.True(orchestration.IsWaitingFor("submit-1"));
        // No recheck: the county timer sleeps the whole way to the deadline in one engine timer (and the second DTFx may
        // fire it early).
        Assert.Equal([Start.UtcDateTime + (Deadline - Start) + OneSecond], orchestration.PendingTimers);

        orchestration.Advance(TimeSpan.FromDays(3));
        var submitted = Decision("submit-1", RectificationVerdict.Submitted);
        orchestration.Raise("submit-1", submitted);

        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Empty(orchestration.PendingTimers);
        Assert.Equal("verify-1", orchestration.CustomStatus);
        Assert.True(orchestration.IsWaitingFor("verify-1"));

        var verified = Decision("verify-1", RectificationVerdict.Verified);
        orchestration.Raise("verify-1", verified);

        var result = await Finished(run);
        Assert.Equal(new RectificationResult(RectificationStatus.Closed, 1), result);
        Assert.Equal(nameof(RectificationStatus.Closed), orchestration.CustomStatus);
        Assert.Equal(["submit-1", "verify-1", "Closed"], orchestration.CustomStatuses);
        Assert.Equal(
            [
                (RectificationActivities.OpenSubmit, new ItemStepInput(ItemId, "submit-1", 1)),
                (RectificationActivities.Record, new RecordInput(submitted, 2)),
                (RectificationActivities.OpenVerify, new ItemStepInput(ItemId, "verify-1", 3)),
                (RectificationActivities.Record, (object)new RecordInput(verified, 4)),
            ],
            Steps(orchestration).Select(a => (a.Name, a.Input)));
        Assert.DoesNotContain(orchestration.Activities, a => a.Is(RectificationActivities.Supervise) || a.Is(RectificationActivities.Summon));
        // Every activity of the case is retried on a transient fault.
        Assert.All(orchestration.Activities, a => Assert.Same(ActivityRetry.Options, a.Options));
    }

    [Fact]
    public async Task A_missed_deadline_is_supervised_once_and_a_missed_notice_deadline_summoned_once()
    {
        var orchestration = Script();
        orchestration.TimerRecheckInterval = TimeSpan.FromSeconds(1);
        orchestration.CountyNow = Deadline - TimeSpan.FromMinutes(1);
        var run = Run(orchestration);

        // The engine's timer fires every two seconds (the recheck and the second DTFx may fire early) for ten minutes, but
        // the county clock stands a minute before the deadline.
        orchestration.AdvanceEngine(TimeSpan.FromMinutes(10));
        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Equal(301, orchestration.Activities.Count(a => a.Is(ReadCountyClockActivity.Name)));
        Assert.Equal([RectificationActivities.OpenSubmit], Steps(orchestration).Select(a => a.Name));
        Assert.Equal([orchestration.EngineNow + TwoSeconds], orchestration.PendingTimers);

        // The county clock jumps past the deadline: seen at the next wake-up, with the time read then.
        var seenLate = Deadline + TimeSpan.FromMinutes(5);
        orchestration.CountyNow = seenLate;
        Assert.Equal([RectificationActivities.OpenSubmit], Steps(orchestration).Select(a => a.Name));
        orchestration.AdvanceEngine(TwoSeconds);
        Assert.Equal([new OverdueInput(ItemId, "submit-1", 2, seenLate)], orchestration.InputsOf<OverdueInput>(RectificationActivities.Supervise));
        Assert.Equal("submit-1", orchestration.CustomStatus);
        Assert.True(orchestration.IsWaitingFor("submit-1"));

        // The 督办单's deadline is missed too.
        orchestration.AdvanceEngine(TimeSpan.FromMinutes(10));
        Assert.Empty(orchestration.InputsOf<OverdueInput>(RectificationActivities.Summon));
        var seenLateAgain = NoticeDeadline + TimeSpan.FromHours(3);
        orchestration.CountyNow = seenLateAgain;
        orchestration.AdvanceEngine(TwoSeconds);
        Assert.Equal([new OverdueInput(ItemId, "submit-1", 3, seenLateAgain)], orchestration.InputsOf<OverdueInput>(RectificationActivities.Summon));

        // After 约谈 nothing is left to escalate: no timer, only the submission is awaited.
        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Empty(orchestration.PendingTimers);
        var reads = orchestration.Activities.Count(a => a.Is(ReadCountyClockActivity.Name));
        orchestration.Advance(TimeSpan.FromDays(30));
        Assert.Equal(reads, orchestration.Activities.Count(a => a.Is(ReadCountyClockActivity.Name)));
        Assert.True(orchestration.IsWaitingFor("submit-1"));

        var submitted = Decision("submit-1", RectificationVerdict.Submitted);
        orchestration.Raise("submit-1", submitted);
        var verified = Decision("verify-1", RectificationVerdict.Verified);
        orchestration.Raise("verify-1", verified);

        Assert.Equal(new RectificationResult(RectificationStatus.Closed, 1), await Finished(run));
        Assert.Equal(
            [
                (RectificationActivities.OpenSubmit, new ItemStepInput(ItemId, "submit-1", 1)),
                (RectificationActivities.Supervise, new OverdueInput(ItemId, "submit-1", 2, seenLate)),
                (RectificationActivities.Summon, new OverdueInput(ItemId, "submit-1", 3, seenLateAgain)),
                (RectificationActivities.Record, new RecordInput(submitted, 4)),
                (RectificationActivities.OpenVerify, new ItemStepInput(ItemId, "verify-1", 5)),
                (RectificationActivities.Record, (object)new RecordInput(verified, 6)),
            ],
            Steps(orchestration).Select(a => (a.Name, a.Input)));
    }

    [Fact]
    public void A_timer_that_fires_before_the_county_clock_reaches_the_deadline_sleeps_again_and_does_not_supervise()
    {
        var orchestration = Script();
        orchestration.CountyNow = Deadline - TimeSpan.FromHours(1);
        var run = Run(orchestration);
        var armedFor = Assert.Single(orchestration.PendingTimers);
        Assert.Equal(orchestration.EngineNow + TimeSpan.FromHours(1) + OneSecond, armedFor);

        // DTFx fires the timer early: the county clock reads a second before the deadline.
        orchestration.Advance(TimeSpan.FromHours(1) - OneSecond);
        Assert.Equal(armedFor, orchestration.FireNextTimerNow());

        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Empty(orchestration.InputsOf<OverdueInput>(RectificationActivities.Supervise));
        Assert.Equal([orchestration.EngineNow + TwoSeconds], orchestration.PendingTimers);
        Assert.True(orchestration.IsWaitingFor("submit-1"));

        orchestration.Advance(TwoSeconds);
        Assert.Equal([new OverdueInput(ItemId, "submit-1", 2, Deadline + OneSecond)], orchestration.InputsOf<OverdueInput>(RectificationActivities.Supervise));
    }

    [Fact]
    public async Task A_send_back_opens_the_next_round_under_its_own_steps()
    {
        var orchestration = Script();
        var run = Run(orchestration);
        orchestration.Raise("submit-1", Decision("submit-1", RectificationVerdict.Submitted));
        var sentBack = Decision("verify-1", RectificationVerdict.SentBack, "照片不清晰，缺少验收单");
        orchestration.Raise("verify-1", sentBack);

        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Equal(new RecordInput(sentBack, 4), orchestration.InputsOf<RecordInput>(RectificationActivities.Record)[^1]);
        Assert.Equal(
            [new ItemStepInput(ItemId, "submit-1", 1), new ItemStepInput(ItemId, "submit-2", 5)],
            orchestration.InputsOf<ItemStepInput>(RectificationActivities.OpenSubmit));
        Assert.Equal("submit-2", orchestration.CustomStatus);
        Assert.True(orchestration.IsWaitingFor("submit-2"));
        Assert.False(orchestration.IsWaitingFor("submit-1"));
        // Round two's deadline is a county timer again.
        Assert.Single(orchestration.PendingTimers);

        orchestration.Raise("submit-2", Decision("submit-2", RectificationVerdict.Submitted));
        orchestration.Raise("verify-2", Decision("verify-2", RectificationVerdict.Verified));

        Assert.Equal(new RectificationResult(RectificationStatus.Closed, 2), await Finished(run));
        Assert.Equal(
            [
                RectificationActivities.OpenSubmit, RectificationActivities.Record, RectificationActivities.OpenVerify, RectificationActivities.Record,
                RectificationActivities.OpenSubmit, RectificationActivities.Record, RectificationActivities.OpenVerify, RectificationActivities.Record,
            ],
            Steps(orchestration).Select(a => a.Name));
        Assert.Equal(
            ["submit-1", "submit-1", "verify-1", "verify-1", "submit-2", "submit-2", "verify-2", "verify-2"],
            Steps(orchestration).Select(a => a.Input switch
            {
                ItemStepInput step => step.Step,
                RecordInput record => record.Decision.Step,
                _ => throw new InvalidOperationException($"Unexpected input {a.Input}."),
            }));
        Assert.Equal(Enumerable.Range(1, 8), Steps(orchestration).Select(Sequence));
    }

    [Fact]
    public void An_item_supervised_in_an_earlier_round_is_summoned_at_the_next_missed_deadline()
    {
        var roundTwoDeadline = NoticeDeadline + TimeSpan.FromDays(7);
        var orchestration = Script(roundTwoDeadline);
        var run = Run(orchestration);
        // A county timer is asked for a second past its time (DTFx may fire it that much early).
        orchestration.Advance(Deadline - Start + OneSecond);
        Assert.Single(orchestration.InputsOf<OverdueInput>(RectificationActivities.Supervise));

        orchestration.Raise("submit-1", Decision("submit-1", RectificationVerdict.Submitted));
        orchestration.Raise("verify-1", Decision("verify-1", RectificationVerdict.SentBack, "未整改到位"));
        Assert.Equal("submit-2", orchestration.CustomStatus);
        orchestration.Advance(roundTwoDeadline - orchestration.CountyNow + OneSecond);

        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Single(orchestration.InputsOf<OverdueInput>(RectificationActivities.Supervise));
        Assert.Equal([new OverdueInput(ItemId, "submit-2", 7, roundTwoDeadline + OneSecond)], orchestration.InputsOf<OverdueInput>(RectificationActivities.Summon));
        Assert.Equal(
            [
                RectificationActivities.OpenSubmit, RectificationActivities.Supervise, RectificationActivities.Record, RectificationActivities.OpenVerify,
                RectificationActivities.Record, RectificationActivities.OpenSubmit, RectificationActivities.Summon,
            ],
            Steps(orchestration).Select(a => a.Name));
    }

    [Fact]
    public void An_item_once_summoned_gets_no_county_timer_in_later_rounds()
    {
        var orchestration = Script();
        var run = Run(orchestration);
        // Each of the two county timers is asked for a second past its time (DTFx may fire it that much early).
        orchestration.Advance(NoticeDeadline - Start + OneSecond + OneSecond);
        Assert.Single(orchestration.InputsOf<OverdueInput>(RectificationActivities.Summon));
        orchestration.Raise("submit-1", Decision("submit-1", RectificationVerdict.Submitted));
        var readsBefore = orchestration.Activities.Count(a => a.Is(ReadCountyClockActivity.Name));
        var timersBefore = orchestration.TimersCreated.Count;

        orchestration.Raise("verify-1", Decision("verify-1", RectificationVerdict.SentBack, "未整改到位"));
        orchestration.Advance(TimeSpan.FromDays(60));

        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.True(orchestration.IsWaitingFor("submit-2"));
        Assert.Empty(orchestration.PendingTimers);
        Assert.Equal(timersBefore, orchestration.TimersCreated.Count);
        Assert.Equal(readsBefore, orchestration.Activities.Count(a => a.Is(ReadCountyClockActivity.Name)));
        Assert.Single(orchestration.InputsOf<OverdueInput>(RectificationActivities.Supervise));
        Assert.Single(orchestration.InputsOf<OverdueInput>(RectificationActivities.Summon));
    }

    [Fact]
    public void A_send_back_after_the_deadline_in_force_is_supervised_as_soon_as_the_next_round_opens()
    {
        // OpenSubmit answers the deadline in force, which a send-back does not move: past it, round two is late at once.
        var orchestration = Script(roundTwoDeadline: Deadline);
        var run = Run(orchestration);
        orchestration.Advance(TimeSpan.FromDays(3));
        orchestration.Raise("submit-1", Decision("submit-1", RectificationVerdict.Submitted));
        orchestration.Advance(TimeSpan.FromDays(14));
        var sentBackAt = orchestration.CountyNow;
        Assert.Empty(orchestration.InputsOf<OverdueInput>(RectificationActivities.Supervise));

        orchestration.Raise("verify-1", Decision("verify-1", RectificationVerdict.SentBack, "未整改到位"));

        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Equal([new OverdueInput(ItemId, "submit-2", 6, sentBackAt)], orchestration.InputsOf<OverdueInput>(RectificationActivities.Supervise));
        Assert.Equal(
            [
                RectificationActivities.OpenSubmit, RectificationActivities.Record, RectificationActivities.OpenVerify, RectificationActivities.Record,
                RectificationActivities.OpenSubmit, RectificationActivities.Supervise,
            ],
            Steps(orchestration).Select(a => a.Name));
    }

    [Fact]
    public async Task A_submission_raised_again_after_it_was_applied_is_never_recorded_again()
    {
        var orchestration = Script();
        var run = Run(orchestration);
        var submitted = Decision("submit-1", RectificationVerdict.Submitted);
        orchestration.Raise("submit-1", submitted);
        var before = orchestration.Activities.Count;

        // The redelivery sweep or a double click raises the same decision again.
        orchestration.Raise("submit-1", submitted);

        Assert.Equal(before, orchestration.Activities.Count);
        Assert.Equal(["submit-1"], orchestration.UnreadEvents.Select(e => e.Name));
        Assert.True(orchestration.IsWaitingFor("verify-1"));

        // Nor does it count for the next round.
        orchestration.Raise("verify-1", Decision("verify-1", RectificationVerdict.SentBack, "缺少验收单"));
        orchestration.Raise("submit-1", submitted);
        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.True(orchestration.IsWaitingFor("submit-2"));
        Assert.Equal(["submit-1", "submit-1"], orchestration.UnreadEvents.Select(e => e.Name));

        orchestration.Raise("submit-2", Decision("submit-2", RectificationVerdict.Submitted));
        orchestration.Raise("verify-2", Decision("verify-2", RectificationVerdict.Verified));
        Assert.Equal(new RectificationResult(RectificationStatus.Closed, 2), await Finished(run));
        Assert.Equal(
            ["submit-1", "verify-1", "submit-2", "verify-2"],
            orchestration.InputsOf<RecordInput>(RectificationActivities.Record).Select(r => r.Decision.Step));
    }

    [Fact]
    public void A_submission_raised_twice_while_the_round_is_still_opening_is_recorded_once()
    {
        var orchestration = Script();
        orchestration.HoldNext(RectificationActivities.OpenSubmit);
        var run = Run(orchestration);
        Assert.Single(orchestration.InFlight);

        // The link arrives before the orchestrator has heard back from OpenSubmit; the unit clicks twice.
        var submitted = Decision("submit-1", RectificationVerdict.Submitted);
        orchestration.Raise("submit-1", submitted);
        orchestration.Raise("submit-1", submitted with { Comment = "again" });
        Assert.Equal([RectificationActivities.OpenSubmit], Steps(orchestration).Select(a => a.Name));

        orchestration.Release(RectificationActivities.OpenSubmit);

        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Equal([new RecordInput(submitted, 2)], orchestration.InputsOf<RecordInput>(RectificationActivities.Record));
        // The first was taken; the second waits unread under a step that will not be awaited again.
        var unread = Assert.Single(orchestration.UnreadEvents);
        Assert.Equal("submit-1", unread.Name);
        Assert.Contains("\"again\"", unread.Payload, StringComparison.Ordinal);
        Assert.True(orchestration.IsWaitingFor("verify-1"));
        Assert.Empty(orchestration.PendingTimers);
    }

    [Fact]
    public void A_submission_that_arrives_while_the_county_clock_is_read_wins_over_the_deadline_that_read_finds_passed()
    {
        var orchestration = Script();
        orchestration.TimerRecheckInterval = TimeSpan.FromSeconds(1);
        orchestration.CountyNow = Deadline - TimeSpan.FromSeconds(1);
        var run = Run(orchestration);
        orchestration.HoldNext(ReadCountyClockActivity.Name);
        orchestration.Advance(TwoSeconds);
        Assert.Equal(ReadCountyClockActivity.Name, Assert.Single(orchestration.InFlight).Name);

        orchestration.Raise("submit-1", Decision("submit-1", RectificationVerdict.Submitted));
        orchestration.Release(ReadCountyClockActivity.Name);
        orchestration.Advance(TimeSpan.FromDays(30));

        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.True(orchestration.IsWaitingFor("verify-1"));
        Assert.Empty(orchestration.PendingTimers);
        Assert.Equal(
            [RectificationActivities.OpenSubmit, RectificationActivities.Record, RectificationActivities.OpenVerify],
            Steps(orchestration).Select(a => a.Name));
    }

    [Fact]
    public async Task A_failed_activity_fails_the_orchestration()
    {
        var orchestration = Script();
        orchestration.OnActivity<OverdueInput, DateTimeOffset>(RectificationActivities.Supervise, _ => throw new InvalidOperationException("storage down"));
        var run = Run(orchestration);

        orchestration.Advance(Deadline - Start + OneSecond);

        var failure = await Assert.ThrowsAsync<Microsoft.DurableTask.TaskFailedException>(() => run);
        Assert.Equal(RectificationActivities.Supervise, failure.TaskName);
    }

    /// <summary>
    /// A script where OpenSubmit answers <see cref="Deadline"/> for round one and <paramref name="roundTwoDeadline"/>
    /// (the notice deadline by default) for later rounds, Supervise the notice deadline, the rest nothing of interest.
    /// </summary>
    private static ScriptedOrchestrationContext Script(DateTimeOffset? roundTwoDeadline = null) =>
        new ScriptedOrchestrationContext(Start, ItemId)
            .OnActivity<ItemStepInput, DateTimeOffset>(RectificationActivities.OpenSubmit,
                input => input.Step == RectificationSteps.Submit(1) ? Deadline : roundTwoDeadline ?? NoticeDeadline)
            .OnActivity<OverdueInput, DateTimeOffset>(RectificationActivities.Supervise, _ => NoticeDeadline)
            .OnActivity<OverdueInput, bool>(RectificationActivities.Summon, _ => true)
            .OnActivity<RecordInput, bool>(RectificationActivities.Record, _ => true)
            .OnActivity<ItemStepInput, bool>(RectificationActivities.OpenVerify, _ => true);

    private static Task<RectificationResult> Run(ScriptedOrchestrationContext orchestration) =>
        orchestration.Start(new RectificationOrchestrator(), new RectificationInput(ItemId));

    private static Task<RectificationResult> Finished(Task<RectificationResult> run)
    {
        Assert.True(run.IsCompleted, "The orchestrator still waits.");
        return run;
    }

    /// <summary>The case's own activities: the county clock reads left out.</summary>
    private static List<ActivityCall> Steps(ScriptedOrchestrationContext orchestration) =>
        orchestration.Activities.Where(a => !a.Is(ReadCountyClockActivity.Name)).ToList();

    private static int Sequence(ActivityCall call) => call.Input switch
    {
        ItemStepInput step => step.Sequence,
        RecordInput record => record.Sequence,
        OverdueInput overdue => overdue.Sequence,
        _ => throw new InvalidOperationException($"{call.Name} has no sequence number."),
    };

    private static RectificationDecision Decision(string step, RectificationVerdict verdict, string? comment = null) =>
        new(ItemId, step, verdict, comment, "李主任（县住建局@220881）", "县住建局", Start, "link-" + step, "10.0.0.7", "Tests/1.0");
}
