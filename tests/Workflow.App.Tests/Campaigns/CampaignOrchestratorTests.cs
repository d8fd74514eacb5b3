using Workflow.Domain.Calendar;
using Workflow.Domain.Campaigns;
using Workflow.Domain.Plans;
using Workflow.App.Campaigns;
using Workflow.App.Campaigns.Orchestration;
using Workflow.App.Durable;
using Workflow.App.Identity;
using Workflow.App.Tests.Durable;
using Xunit;

namespace Workflow.App.Tests.Campaigns;

/// <summary>
/// The campaign orchestration alone, on a scripted context, with 洮南市's plan (002) copied to 2026: the test holds both
/// clocks, fires the timers and raises the office's commands, so a phase's months pass in no time. What is checked is
/// when a phase is entered and by whom, that every reminder and review happens at the instant the schedule names, and
/// how an advance is refused, passed over, overridden and continued as new. TaonanYearTests runs it on the real engine.
/// </summary>
public sealed class CampaignOrchestratorTests
{
    private const string County = "220881";
    private const string HundredDayCampaign = "HundredDayCampaign";
    private const string Assessment = "Assessment";
    private const string AcceptanceInspection = "AcceptanceInspection";
    private const string Officer = "县扶贫办 王科长";
    private const string Admin = "县扶贫办 李主任";
    private const string RunningVersion = "2026.1";
    private const string NewestVersion = "2026.2";

    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    /// <summary>Monday 2 March 2026, 09:00 in Beijing.</summary>
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>
    /// 洮南's plan as a campaign started before tasks carried their own cadence holds it in its input: every 长期坚持
    /// task monthly. The instants below are that campaign's, unchanged by the template's cadences (002's half-monthly
    /// meetings and quarterly checks, whose due points TaskScheduleTests checks), so an in-flight campaign replays as it ran.
    /// </summary>
    private static readonly AnnualPlan Plan = WithoutCadences(PlanTemplates.For(County, 2018).CopyFor(County, "洮南市", 2026));

    private static AnnualPlan WithoutCadences(AnnualPlan plan) => plan with { Tasks = plan.Tasks.Select(t => t with { Cadence = null }).ToList() };

    /// <summary>百日会战 runs from Friday 20 March: it opens at midnight that day, Beijing time.</summary>
    private static readonly DateTimeOffset HundredDayStartsAt = Beijing(3, 20);

    [Fact]
    public void Before_its_start_date_the_phase_waits_not_open_and_once_the_county_clock_passes_the_date_it_is_entered_at_the_start_of_that_date()
    {
        var orchestration = Script();
        var run = Run(orchestration);

        // The rule the dates come from: a phase opens at the start of its first day in Beijing.
        Assert.Equal((HundredDayCampaign, new DateOnly(2026, 3, 20)), (Plan.Phases[0].Key, Plan.Phases[0].Start));
        Assert.Equal(HundredDayStartsAt, ShanghaiTime.StartOf(Plan.Phases[0].Start));
        ScriptedOrchestrationContext.AssertSuspended(run);
        AssertProgress(orchestration, HundredDayCampaign, open: false, entered: []);
        Assert.True(orchestration.IsWaitingFor(CampaignEvents.StartPhase));
        Assert.False(orchestration.IsWaitingFor(CampaignEvents.Advance));
        // One county timer for the whole wait (asked a second late: DTFx may fire it that much early).
        Assert.Equal([Start.UtcDateTime + (HundredDayStartsAt - Start) + OneSecond], orchestration.PendingTimers);

        orchestration.Advance(HundredDayStartsAt - Start - OneSecond);
        Assert.Empty(orchestration.InputsOf<PhaseActivityInput>(CampaignActivities.EnterPhase));
        AssertProgress(orchestration, HundredDayCampaign, open: false, entered: []);

        // The worker was down: the timer is taken with the county clock well into 20 March.
        orchestration.CountyNow = Beijing(3, 20, 14).AddMinutes(30);
        orchestration.FireNextTimerNow();

        ScriptedOrchestrationContext.AssertSuspended(run);
        var enteredOn = new PhaseEntry(HundredDayCampaign, new DateOnly(2026, 3, 20));
        var entered = Assert.Single(orchestration.InputsOf<PhaseActivityInput>(CampaignActivities.EnterPhase));
        AssertPhaseInput(entered, 0, HundredDayStartsAt, actor: null, [enteredOn]);
        AssertProgress(orchestration, HundredDayCampaign, open: true, entered: [enteredOn]);
        Assert.Equal([false, true], orchestration.CustomStatuses.Cast<CampaignProgress>().Select(p => p.Open));
        Assert.True(orchestration.IsWaitingFor(CampaignEvents.Advance));
    }

    [Fact]
    public void The_offices_start_of_this_phase_enters_it_early_with_the_actor_and_drops_the_start_date_timer()
    {
        var orchestration = Script();
        var run = Run(orchestration);
        var startDateTimer = Assert.Single(orchestration.PendingTimers);

        // Thursday 5 March, 09:00.
        orchestration.Advance(TimeSpan.FromDays(3));
        var startedAt = orchestration.CountyNow;
        Assert.Equal(Beijing(3, 5, 9), startedAt);
        orchestration.Raise(CampaignEvents.StartPhase, new StartPhaseCommand(HundredDayCampaign, Officer, startedAt));

        ScriptedOrchestrationContext.AssertSuspended(run);
        var enteredOn = new PhaseEntry(HundredDayCampaign, new DateOnly(2026, 3, 5));
        var entered = Assert.Single(orchestration.InputsOf<PhaseActivityInput>(CampaignActivities.EnterPhase));
        AssertPhaseInput(entered, 0, startedAt, Officer, [enteredOn]);
        AssertProgress(orchestration, HundredDayCampaign, open: true, entered: [enteredOn]);
        Assert.False(orchestration.IsWaitingFor(CampaignEvents.StartPhase));
        Assert.True(orchestration.IsWaitingFor(CampaignEvents.Advance));

        // The only timer now is the first review: the monthly report of the 长期坚持 tasks due Tuesday 31 March, reminded
        // five working days before (24, 25, 26, 27, 30 March), at 09:00.
        var firstReview = Beijing(3, 24, 9);
        Assert.Equal(firstReview, CampaignSchedule.ReviewTimes(Plan, [enteredOn], startedAt, ScheduleRules.Default, WorkingCalendar.China)[0]);
        Assert.DoesNotContain(startDateTimer, orchestration.PendingTimers);
        Assert.Equal([orchestration.EngineNow + (firstReview - startedAt) + OneSecond], orchestration.PendingTimers);
    }

    [Fact]
    public void A_start_of_another_phase_is_ignored_and_the_phase_keeps_waiting_for_its_date()
    {
        var orchestration = Script();
        var run = Run(orchestration);
        var startDateTimer = Assert.Single(orchestration.PendingTimers);

        orchestration.Advance(TimeSpan.FromHours(1));
        orchestration.Raise(CampaignEvents.StartPhase, new StartPhaseCommand(Assessment, Officer, orchestration.CountyNow));

        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Empty(orchestration.InputsOf<PhaseActivityInput>(CampaignActivities.EnterPhase));
        AssertProgress(orchestration, HundredDayCampaign, open: false, entered: []);
        Assert.True(orchestration.IsWaitingFor(CampaignEvents.StartPhase));
        Assert.Equal([startDateTimer], orchestration.PendingTimers);

        // The date still starts it, by no one.
        orchestration.Advance(HundredDayStartsAt - orchestration.CountyNow + OneSecond);
        var entered = Assert.Single(orchestration.InputsOf<PhaseActivityInput>(CampaignActivities.EnterPhase));
        AssertPhaseInput(entered, 0, HundredDayStartsAt, actor: null, [new PhaseEntry(HundredDayCampaign, new DateOnly(2026, 3, 20))]);
    }

    [Fact]
    public void While_the_phase_is_open_time_jumping_past_every_instant_fires_the_end_reminder_and_each_review_at_its_own_time_in_order()
    {
        var orchestration = Script();
        var run = Run(orchestration);
        orchestration.Advance(HundredDayStartsAt - Start + OneSecond);
        var entered = new List<PhaseEntry> { new(HundredDayCampaign, new DateOnly(2026, 3, 20)) };
        Assert.Single(orchestration.InputsOf<PhaseActivityInput>(CampaignActivities.EnterPhase));

        // One step of three and a half months, to Tuesday 7 July at noon.
        var until = Beijing(7, 7, 12);
        orchestration.Advance(until - orchestration.CountyNow);

        ScriptedOrchestrationContext.AssertSuspended(run);
        AssertReviewedThrough(orchestration, entered, until);
        // Each review is of the phase's tasks as entered.
        Assert.All(orchestration.InputsOf<ReviewInput>(CampaignActivities.ReviewTasks), r =>
        {
            Assert.Same(Plan, r.Plan);
            Assert.Equal(entered, r.Entered);
        });
        AssertPhaseInput(Assert.Single(orchestration.InputsOf<PhaseActivityInput>(CampaignActivities.RemindPhaseEnd)), 0, Beijing(6, 30, 9), actor: null, entered);
        // Next: Friday 24 July, five working days before the July report.
        Assert.Equal([orchestration.EngineNow + (Beijing(7, 24, 9) - until) + OneSecond], orchestration.PendingTimers);
        AssertProgress(orchestration, HundredDayCampaign, open: true, entered: entered);
        Assert.True(orchestration.IsWaitingFor(CampaignEvents.Advance));
    }

    [Fact]
    public void Instants_missed_while_the_county_clock_jumped_are_each_reviewed_with_their_own_time_in_order_at_the_next_wake_up()
    {
        var orchestration = Script();
        var run = Run(orchestration);
        orchestration.Advance(HundredDayStartsAt - Start + OneSecond);
        var entered = new List<PhaseEntry> { new(HundredDayCampaign, new DateOnly(2026, 3, 20)) };
        var engineTimer = Assert.Single(orchestration.PendingTimers);

        // The worker was down: when the first review's timer is taken the county clock reads 7 July, noon.
        var until = Beijing(7, 7, 12);
        orchestration.CountyNow = until;
        Assert.Equal(engineTimer, orchestration.FireNextTimerNow());

        ScriptedOrchestrationContext.AssertSuspended(run);
        AssertReviewedThrough(orchestration, entered, until);
        // Caught up within the one wake-up: no timer for the instants already past, only for the next one.
        Assert.Equal([orchestration.EngineNow + (Beijing(7, 24, 9) - until) + OneSecond], orchestration.PendingTimers);
    }

    [Fact]
    public async Task An_advance_its_gates_block_is_refused_and_recorded_a_copy_is_passed_over_and_the_next_attempt_with_an_override_continues_as_new_on_the_newest_version()
    {
        var orchestration = Script();
        string[] blockers = ["整改问题全部销号——危房改造问题2项未销号", "第三方评估问题已录入——尚未录入"];
        orchestration.OnActivity<GateInput, IReadOnlyList<string>>(CampaignActivities.CheckGates, _ => blockers);
        var run = Run(orchestration);
        orchestration.Raise(CampaignEvents.StartPhase, new StartPhaseCommand(HundredDayCampaign, Officer, Start));
        var entered = new List<PhaseEntry> { new(HundredDayCampaign, new DateOnly(2026, 3, 2)) };

        orchestration.Advance(TimeSpan.FromHours(2));
        var first = new AdvanceCommand(HundredDayCampaign, Officer, CountyRoles.CountyOfficer, orchestration.CountyNow, null, [], Attempt: 0);
        orchestration.Raise(CampaignEvents.Advance, first);

        ScriptedOrchestrationContext.AssertSuspended(run);
        var gates = Assert.Single(orchestration.InputsOf<GateInput>(CampaignActivities.CheckGates));
        Assert.Same(Plan, gates.Plan);
        Assert.Equal(HundredDayCampaign, gates.FromKey);
        var refused = Assert.Single(orchestration.InputsOf<RefusedAdvanceInput>(CampaignActivities.RecordRefusedAdvance));
        Assert.Same(Plan, refused.Plan);
        Assert.Equal((0, 0, orchestration.CountyNow, RunningVersion), (refused.PhaseIndex, refused.Attempt, refused.At, refused.Version));
        Assert.Equal(blockers, refused.Blockers);
        Assert.Equal((HundredDayCampaign, Officer, 0, (string?)null), (refused.Command.From, refused.Command.Actor, refused.Command.Attempt, refused.Command.OverrideReason));
        Assert.Empty(orchestration.InputsOf<AdvanceInput>(CampaignActivities.RecordAdvance));
        AssertProgress(orchestration, HundredDayCampaign, open: true, entered: entered, refusedAdvances: 1);
        Assert.True(orchestration.IsWaitingFor(CampaignEvents.Advance));

        // A double click (or a replayed request) raises attempt 0 again: the gates are not checked again.
        orchestration.Advance(TimeSpan.FromMinutes(5));
        orchestration.Raise(CampaignEvents.Advance, first);
        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Single(orchestration.InputsOf<GateInput>(CampaignActivities.CheckGates));
        Assert.Single(orchestration.InputsOf<RefusedAdvanceInput>(CampaignActivities.RecordRefusedAdvance));
        AssertProgress(orchestration, HundredDayCampaign, open: true, entered: entered, refusedAdvances: 1);
        Assert.True(orchestration.IsWaitingFor(CampaignEvents.Advance));

        // The CountyAdmin overrides what the request saw; the audit names what blocked when the advance was taken.
        orchestration.Advance(TimeSpan.FromHours(1));
        const string reason = "第三方评估推迟，经县扶贫开发领导小组同意先行推进";
        var overriding = new AdvanceCommand(HundredDayCampaign, Admin, CountyRoles.CountyAdmin, orchestration.CountyNow, reason,
            ["整改问题全部销号——危房改造问题3项未销号"], Attempt: 1);
        orchestration.Raise(CampaignEvents.Advance, overriding);

        Assert.Null(await Finished(run));
        var advanced = Assert.Single(orchestration.InputsOf<AdvanceInput>(CampaignActivities.RecordAdvance));
        Assert.Same(Plan, advanced.Plan);
        Assert.Equal((0, orchestration.CountyNow, RunningVersion), (advanced.PhaseIndex, advanced.At, advanced.Version));
        Assert.Equal((HundredDayCampaign, Admin, CountyRoles.CountyAdmin, reason, 1),
            (advanced.Command.From, advanced.Command.Actor, advanced.Command.Role, advanced.Command.OverrideReason, advanced.Command.Attempt));
        Assert.Equal(blockers, advanced.Command.Overridden);
        Assert.Equal(
            [
                CampaignActivities.EnterPhase, CampaignActivities.CheckGates, CampaignActivities.RecordRefusedAdvance,
                CampaignActivities.CheckGates, CampaignActivities.RecordAdvance, NewestVersionActivity.Name,
            ],
            Steps(orchestration).Select(a => a.Name));
        Assert.Equal([CampaignOrchestrator.Name], orchestration.InputsOf<string>(NewestVersionActivity.Name));

        // The next execution runs the next phase, on the version the activity named; a late copy raised meanwhile carries over.
        var next = orchestration.ContinuedAsNew;
        Assert.NotNull(next);
        Assert.Equal(NewestVersion, next.NewVersion);
        Assert.True(next.PreserveUnprocessedEvents);
        var input = Assert.IsType<CampaignInput>(next.NewInput);
        Assert.Same(Plan, input.Plan);
        Assert.Equal(1, input.PhaseIndex);
        Assert.Equal(entered, input.Entered);
        Assert.Empty(orchestration.PendingTimers);
        Assert.All(orchestration.Activities, a => Assert.Same(ActivityRetry.Options, a.Options));
    }

    [Fact]
    public async Task An_override_whose_blockers_cleared_before_it_was_taken_is_recorded_as_a_plain_advance()
    {
        var orchestration = Script();
        var run = Run(orchestration);
        orchestration.Raise(CampaignEvents.StartPhase, new StartPhaseCommand(HundredDayCampaign, Officer, Start));

        orchestration.Raise(CampaignEvents.Advance, new AdvanceCommand(HundredDayCampaign, Admin, CountyRoles.CountyAdmin, Start,
            "急需推进", ["整改问题全部销号——危房改造问题1项未销号"]));

        Assert.Null(await Finished(run));
        var advanced = Assert.Single(orchestration.InputsOf<AdvanceInput>(CampaignActivities.RecordAdvance));
        Assert.Null(advanced.Command.OverrideReason);
        Assert.Empty(advanced.Command.Overridden);
        Assert.Empty(orchestration.InputsOf<RefusedAdvanceInput>(CampaignActivities.RecordRefusedAdvance));
        Assert.Equal(1, Assert.IsType<CampaignInput>(orchestration.ContinuedAsNew?.NewInput).PhaseIndex);
    }

    [Fact]
    public async Task An_advance_of_the_last_phase_records_it_and_completes_the_campaign_without_continuing_as_new()
    {
        // The execution of 迎检验收 starts as 百日整改 is advanced, Friday 30 October 16:00; the phase opens 1 November.
        var startsAt = Beijing(10, 30, 16);
        var orchestration = Script(startsAt);
        List<PhaseEntry> earlier =
        [
            new(HundredDayCampaign, new DateOnly(2026, 3, 20)), new(Assessment, new DateOnly(2026, 7, 1)), new("HundredDayRectification", new DateOnly(2026, 8, 1)),
        ];
        Assert.Equal(AcceptanceInspection, Plan.Phases[^1].Key);
        var run = orchestration.Start(new CampaignOrchestrator(), new CampaignInput(Plan, Plan.Phases.Count - 1, earlier));
        AssertProgress(orchestration, AcceptanceInspection, open: false, entered: earlier);

        orchestration.Advance(Beijing(11, 1) - startsAt + OneSecond);
        List<PhaseEntry> entered = [.. earlier, new(AcceptanceInspection, new DateOnly(2026, 11, 1))];
        AssertPhaseInput(Assert.Single(orchestration.InputsOf<PhaseActivityInput>(CampaignActivities.EnterPhase)), 3, Beijing(11, 1), actor: null, entered);

        // Monday 28 December, 10:00: the gates pass.
        orchestration.Advance(Beijing(12, 28, 10) - orchestration.CountyNow);
        var closedAt = orchestration.CountyNow;
        orchestration.Raise(CampaignEvents.Advance, new AdvanceCommand(AcceptanceInspection, Officer, CountyRoles.CountyOfficer, closedAt, null, []));

        Assert.Equal(new CampaignResult(AcceptanceInspection, closedAt), await Finished(run));
        var advanced = Assert.Single(orchestration.InputsOf<AdvanceInput>(CampaignActivities.RecordAdvance));
        Assert.Equal((3, closedAt, AcceptanceInspection, (string?)null), (advanced.PhaseIndex, advanced.At, advanced.Command.From, advanced.Command.OverrideReason));
        Assert.Empty(advanced.Command.Overridden);
        Assert.Null(orchestration.ContinuedAsNew);
        Assert.Empty(orchestration.InputsOf<string>(NewestVersionActivity.Name));
        AssertProgress(orchestration, AcceptanceInspection, open: false, entered: entered);
        Assert.Empty(orchestration.PendingTimers);
    }

    [Fact]
    public void A_late_copy_of_the_advance_of_an_earlier_phase_is_ignored_by_the_next_phase()
    {
        // 百日会战 is started and advanced by the office on 2 March; the execution continues as new with 考核评估.
        var first = Script();
        _ = Run(first);
        first.Raise(CampaignEvents.StartPhase, new StartPhaseCommand(HundredDayCampaign, Officer, Start));
        var advance = new AdvanceCommand(HundredDayCampaign, Officer, CountyRoles.CountyOfficer, Start, null, []);
        first.Raise(CampaignEvents.Advance, advance);
        var nextInput = Assert.IsType<CampaignInput>(first.ContinuedAsNew?.NewInput);

        var orchestration = Script();
        var run = orchestration.Start(new CampaignOrchestrator(), nextInput);
        orchestration.Raise(CampaignEvents.StartPhase, new StartPhaseCommand(Assessment, Officer, Start));
        List<PhaseEntry> entered = [new(HundredDayCampaign, new DateOnly(2026, 3, 2)), new(Assessment, new DateOnly(2026, 3, 2))];
        AssertProgress(orchestration, Assessment, open: true, entered: entered);
        var timers = orchestration.PendingTimers;

        // The redelivery sweep raises the advance of 百日会战 again.
        orchestration.Advance(TimeSpan.FromMinutes(10));
        orchestration.Raise(CampaignEvents.Advance, advance);

        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Empty(orchestration.InputsOf<GateInput>(CampaignActivities.CheckGates));
        Assert.Empty(orchestration.InputsOf<AdvanceInput>(CampaignActivities.RecordAdvance));
        Assert.Empty(orchestration.InputsOf<RefusedAdvanceInput>(CampaignActivities.RecordRefusedAdvance));
        Assert.Null(orchestration.ContinuedAsNew);
        AssertProgress(orchestration, Assessment, open: true, entered: entered);
        Assert.True(orchestration.IsWaitingFor(CampaignEvents.Advance));
        Assert.Equal(timers, orchestration.PendingTimers);

        // The advance of 考核评估 itself is still taken.
        orchestration.Raise(CampaignEvents.Advance, advance with { From = Assessment, At = orchestration.CountyNow });
        Assert.Equal(Assessment, Assert.Single(orchestration.InputsOf<GateInput>(CampaignActivities.CheckGates)).FromKey);
        Assert.Equal(2, Assert.IsType<CampaignInput>(orchestration.ContinuedAsNew?.NewInput).PhaseIndex);
    }

    /// <summary>
    /// The reviews up to <paramref name="until"/> (which falls on no instant): the instants worked out by hand from
    /// <see cref="ScheduleRules.Default"/> and the 2026 working calendar, checked against the domain's schedule, and the
    /// end reminder in its place among them.
    /// </summary>
    private static void AssertReviewedThrough(ScriptedOrchestrationContext orchestration, List<PhaseEntry> entered, DateTimeOffset until)
    {
        // Monthly reports of the 长期坚持 tasks and the 完成时限 of 30 April and 30 June: reminders five and one working
        // days before each month's end at 09:00 (24 and 30 March; 23 and 29 April; 25 and 29 May, 31 May a Sunday;
        // 23 and 29 June), and 逾期 at midnight after it.
        DateTimeOffset[] reviews =
        [
            Beijing(3, 24, 9), Beijing(3, 30, 9), Beijing(4, 1),
            Beijing(4, 23, 9), Beijing(4, 29, 9), Beijing(5, 1),
            Beijing(5, 25, 9), Beijing(5, 29, 9), Beijing(6, 1),
            Beijing(6, 23, 9), Beijing(6, 29, 9), Beijing(7, 1),
        ];
        Assert.Equal(reviews, CampaignSchedule.ReviewTimes(Plan, entered, HundredDayStartsAt, ScheduleRules.Default, WorkingCalendar.China).TakeWhile(t => t < until));
        // The office is reminded on the phase's last day, Tuesday 30 June, at 09:00.
        var endReminder = Beijing(6, 30, 9);
        Assert.Equal(endReminder, CampaignSchedule.EndReminderAt(Plan.Phases[0], ScheduleRules.Default));

        var expected = reviews.Select(at => (CampaignActivities.ReviewTasks, at))
            .Append((CampaignActivities.RemindPhaseEnd, endReminder))
            .OrderBy(step => step.Item2)
            .ToList();
        Assert.Equal(expected, Steps(orchestration)
            .Where(a => a.Is(CampaignActivities.ReviewTasks) || a.Is(CampaignActivities.RemindPhaseEnd))
            .Select(a => (a.Name, a.Input switch
            {
                ReviewInput review => review.At,
                PhaseActivityInput phase => phase.At,
                _ => throw new InvalidOperationException($"Unexpected input {a.Input}."),
            })));
    }

    private static void AssertProgress(ScriptedOrchestrationContext orchestration, string phaseKey, bool open, IReadOnlyList<PhaseEntry> entered, int refusedAdvances = 0)
    {
        var progress = Assert.IsType<CampaignProgress>(orchestration.CustomStatus);
        Assert.Equal((phaseKey, open, RunningVersion, refusedAdvances), (progress.PhaseKey, progress.Open, progress.Version, progress.RefusedAdvances));
        Assert.Equal(entered, progress.Entered);
    }

    private static void AssertPhaseInput(PhaseActivityInput input, int phaseIndex, DateTimeOffset at, string? actor, IReadOnlyList<PhaseEntry> entered)
    {
        Assert.Same(Plan, input.Plan);
        Assert.Equal((phaseIndex, at, actor, RunningVersion), (input.PhaseIndex, input.At, input.Actor, input.Version));
        Assert.Equal(entered, input.Entered);
    }

    /// <summary>A script where every activity succeeds, the gates pass and the newest version is <see cref="NewestVersion"/>.</summary>
    private static ScriptedOrchestrationContext Script(DateTimeOffset? start = null)
    {
        var orchestration = new ScriptedOrchestrationContext(start ?? Start, CampaignKeys.InstanceId(County, 2026))
        {
            OrchestratorName = CampaignOrchestrator.Name,
            Version = RunningVersion,
        };
        return orchestration
            .OnActivity<PhaseActivityInput, int>(CampaignActivities.EnterPhase, _ => 29)
            .OnActivity<ReviewInput, int>(CampaignActivities.ReviewTasks, _ => 0)
            .OnActivity<PhaseActivityInput, bool>(CampaignActivities.RemindPhaseEnd, _ => true)
            .OnActivity<GateInput, IReadOnlyList<string>>(CampaignActivities.CheckGates, _ => [])
            .OnActivity<RefusedAdvanceInput, bool>(CampaignActivities.RecordRefusedAdvance, _ => true)
            .OnActivity<AdvanceInput, bool>(CampaignActivities.RecordAdvance, _ => true)
            .OnActivity<string, string>(NewestVersionActivity.Name, _ => NewestVersion);
    }

    private static Task<CampaignResult?> Run(ScriptedOrchestrationContext orchestration) =>
        orchestration.Start(new CampaignOrchestrator(), new CampaignInput(Plan, 0, []));

    private static Task<CampaignResult?> Finished(Task<CampaignResult?> run)
    {
        Assert.True(run.IsCompleted, "The orchestrator still waits.");
        return run;
    }

    /// <summary>The campaign's own activities: the county clock reads left out.</summary>
    private static List<ActivityCall> Steps(ScriptedOrchestrationContext orchestration) =>
        orchestration.Activities.Where(a => !a.Is(ReadCountyClockActivity.Name)).ToList();

    private static DateTimeOffset Beijing(int month, int day, int hour = 0) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8));
}
