using Workflow.Domain.Calendar;
using Workflow.Domain.Exits;
using Workflow.App.Durable;
using Workflow.App.Exits;
using Workflow.App.Exits.Orchestration;
using Workflow.App.Tests.Durable;
using Xunit;

namespace Workflow.App.Tests.Exits;

/// <summary>
/// The household exit orchestration alone, on a scripted context with the national procedure: the test holds both
/// clocks, fires the timers and raises the decisions, objections and withdrawal, so a case's weeks pass in no time.
/// What is checked is which activities the orchestrator calls, in which order and with which inputs, what it waits for
/// in between, and how it ends. ExitProcedureEndToEndTests runs the same orchestrator on the real engine.
/// </summary>
public sealed class HouseholdExitOrchestratorTests
{
    private const string CaseId = "532331-2026-000123";

    /// <summary>Monday 2 March 2026, 09:00 in Beijing.</summary>
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly ExitProcedure Procedure = ExitProcedureCatalog.National;

    [Fact]
    public void The_first_episode_is_a_checkpoint_so_no_link_goes_out_before_the_case_has_a_history()
    {
        var orchestration = Script();
        var run = Run(orchestration);

        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Equal(FormattableString.Invariant($"timer {Start.UtcDateTime:o}"), orchestration.Scheduled[0]);
        Assert.Equal(ExitActivities.OpenStep, orchestration.Scheduled[1]);
        var opened = Assert.Single(orchestration.InputsOf<StepInput>(ExitActivities.OpenStep));
        Assert.Equal(new StepInput(CaseId, Procedure.Step(ExitProcedure.Appraisal), ExitProcedure.Appraisal, 1), opened);
        Assert.Equal(ExitProcedure.Appraisal, orchestration.CustomStatus);
        Assert.True(orchestration.IsWaitingFor(ExitEvents.Decision(ExitProcedure.Appraisal)));
        Assert.True(orchestration.IsWaitingFor(ExitEvents.Withdrawal));
    }

    [Fact]
    public async Task Every_step_approved_in_the_national_order_with_the_notice_passing_deregisters_and_closes_the_case_approved()
    {
        var orchestration = Script();
        var run = Run(orchestration);

        foreach (var step in new[] { ExitProcedure.Appraisal, ExitProcedure.Verification, ExitProcedure.Consent })
        {
            Assert.Equal(step, orchestration.CustomStatus);
            orchestration.Advance(TimeSpan.FromHours(2));
            orchestration.Raise(ExitEvents.Decision(step), Decision(step, approved: true, orchestration.CountyNow));
        }

        Assert.Equal(ExitProcedure.Notice, orchestration.CustomStatus);
        Assert.Equal([new NoticeInput(CaseId, 7, TimeSpan.FromDays(7), Resumed: false)], orchestration.InputsOf<NoticeInput>(ExitActivities.OpenNotice));
        orchestration.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Equal(ExitProcedure.Notice, orchestration.CustomStatus);
        orchestration.Advance(TimeSpan.FromMinutes(2));

        foreach (var step in new[] { ExitProcedure.TownshipReview, ExitProcedure.CountyApproval })
        {
            Assert.Equal(step, orchestration.CustomStatus);
            orchestration.Raise(ExitEvents.Decision(step), Decision(step, approved: true, orchestration.CountyNow));
        }

        var result = await Finished(run);
        Assert.Equal(ExitCaseStatus.Approved, result.Status);
        Assert.Equal(
            [
                // An approval is recorded while the next step opens: RecordDecision is scheduled first, awaited later.
                ExitActivities.OpenStep, ExitActivities.RecordDecision, ExitActivities.OpenStep, ExitActivities.RecordDecision, ExitActivities.OpenStep,
                ExitActivities.RecordDecision, ExitActivities.OpenNotice, ExitActivities.AppendTimeline,
                ExitActivities.OpenStep, ExitActivities.RecordDecision, ExitActivities.OpenStep, ExitActivities.RecordDecision, ExitActivities.Deregister, ExitActivities.Close,
            ],
            CaseSteps(orchestration).Select(a => a.Name));
        // Each activity has a sequence number of its own: it keys the timeline line, the notification and the audit entry.
        var sequences = CaseSteps(orchestration).Select(Sequence).ToList();
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
        Assert.Equal(new CloseInput(CaseId, sequences.Max(), ExitCaseStatus.Approved, "审定退出，已销号（脱贫不脱政策）。"),
            Assert.Single(orchestration.InputsOf<CloseInput>(ExitActivities.Close)));
        Assert.Empty(orchestration.InputsOf<StepInput>(ExitActivities.Remind));
        Assert.Empty(orchestration.InputsOf<StepInput>(ExitActivities.Escalate));
    }

    [Fact]
    public void A_decision_raised_again_after_its_step_took_the_first_stays_unread_and_is_recorded_once()
    {
        var orchestration = Script();
        var run = Run(orchestration);
        var approved = Decision(ExitProcedure.Appraisal, approved: true, Start);

        orchestration.Raise(ExitEvents.Decision(ExitProcedure.Appraisal), approved);
        orchestration.Raise(ExitEvents.Decision(ExitProcedure.Appraisal), approved);

        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Equal(ExitProcedure.Verification, orchestration.CustomStatus);
        Assert.Single(orchestration.InputsOf<DecisionInput>(ExitActivities.RecordDecision));
        Assert.Equal(ExitEvents.Decision(ExitProcedure.Appraisal), Assert.Single(orchestration.UnreadEvents).Name);
    }

    [Fact]
    public void A_step_left_undecided_is_reminded_a_working_day_before_its_due_time_and_escalated_at_it_and_still_takes_the_late_decision()
    {
        var orchestration = Script();
        var run = Run(orchestration);
        var appraisal = Procedure.Step(ExitProcedure.Appraisal);
        var deadline = StepDeadline.For(appraisal, Start, WorkingCalendar.China);

        // Five working days from Monday 2 March: due Monday 9 March, reminded Friday 6 March, both at 09:00.
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.FromHours(8)), deadline.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 9, 0, 0, TimeSpan.FromHours(8)), deadline.RemindAt);

        orchestration.Advance(deadline.RemindAt!.Value - Start - TimeSpan.FromSeconds(1));
        Assert.Empty(orchestration.InputsOf<StepInput>(ExitActivities.Remind));
        orchestration.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal([new StepInput(CaseId, appraisal, ExitProcedure.Appraisal, 2)], orchestration.InputsOf<StepInput>(ExitActivities.Remind));

        orchestration.Advance(deadline.DueAt - orchestration.CountyNow - TimeSpan.FromSeconds(1));
        Assert.Empty(orchestration.InputsOf<StepInput>(ExitActivities.Escalate));
        orchestration.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal([new StepInput(CaseId, appraisal, ExitProcedure.Appraisal, 3)], orchestration.InputsOf<StepInput>(ExitActivities.Escalate));
        Assert.Empty(orchestration.PendingTimers);

        orchestration.Raise(ExitEvents.Decision(ExitProcedure.Appraisal), Decision(ExitProcedure.Appraisal, approved: true, orchestration.CountyNow));
        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Equal(ExitProcedure.Verification, orchestration.CustomStatus);
    }

    [Fact]
    public async Task A_rejected_step_closes_the_case_rejected_with_the_approvers_comment_after_recording_the_decision()
    {
        var orchestration = Script();
        var run = Run(orchestration);

        orchestration.Raise(ExitEvents.Decision(ExitProcedure.Appraisal), Decision(ExitProcedure.Appraisal, approved: false, Start, "人均纯收入未稳定超过标准"));

        var result = await Finished(run);
        Assert.Equal(new ExitCaseResult(ExitCaseStatus.Rejected, "民主评议未通过：人均纯收入未稳定超过标准"), result);
        Assert.Equal([ExitActivities.OpenStep, ExitActivities.RecordDecision, ExitActivities.Close], CaseSteps(orchestration).Select(a => a.Name));
    }

    [Fact]
    public async Task An_objection_pauses_the_notice_for_its_review_and_a_copy_raised_again_after_the_review_is_passed_over()
    {
        var orchestration = Script();
        var run = Run(orchestration);
        foreach (var step in new[] { ExitProcedure.Appraisal, ExitProcedure.Verification, ExitProcedure.Consent })
        {
            orchestration.Raise(ExitEvents.Decision(step), Decision(step, approved: true, orchestration.CountyNow));
        }

        orchestration.Advance(TimeSpan.FromDays(2));
        var objection = new Objection("objection-1", CaseId, "138****0000", "家中仍有大病支出", orchestration.CountyNow, "10.0.0.9");
        orchestration.Raise(ExitEvents.Objection, objection);

        var reviewKey = ExitProcedure.ObjectionReviewKey(1);
        Assert.Equal(reviewKey, orchestration.CustomStatus);
        Assert.Equal([new ObjectionInput(objection, reviewKey, 8)], orchestration.InputsOf<ObjectionInput>(ExitActivities.RecordObjection));
        orchestration.Advance(TimeSpan.FromDays(1));
        orchestration.Raise(ExitEvents.Decision(reviewKey), Decision(reviewKey, approved: true, orchestration.CountyNow));

        // Dismissed: the notice resumes with the five days the objection left of it, and a second copy of the objection
        // (raised again by the redelivery sweep) is not reviewed again.
        Assert.Equal(ExitProcedure.Notice, orchestration.CustomStatus);
        Assert.Equal(TimeSpan.FromDays(5), orchestration.InputsOf<NoticeInput>(ExitActivities.OpenNotice)[^1].Remaining);
        Assert.True(orchestration.InputsOf<NoticeInput>(ExitActivities.OpenNotice)[^1].Resumed);
        orchestration.Raise(ExitEvents.Objection, objection);
        Assert.Equal(ExitProcedure.Notice, orchestration.CustomStatus);
        Assert.Single(orchestration.InputsOf<ObjectionInput>(ExitActivities.RecordObjection));

        orchestration.Advance(TimeSpan.FromDays(5) + TimeSpan.FromSeconds(2));
        Assert.Equal(ExitProcedure.TownshipReview, orchestration.CustomStatus);
        orchestration.Raise(ExitEvents.Withdrawal, new Withdrawal("户主外出务工，材料待补", "王科长", orchestration.CountyNow));
        var result = await Finished(run);
        Assert.Equal(ExitCaseStatus.Withdrawn, result.Status);
    }

    [Fact]
    public void An_objection_filed_while_another_is_reviewed_joins_that_review_and_one_dismissal_resumes_the_notice()
    {
        var orchestration = Script();
        var run = Run(orchestration);
        foreach (var step in new[] { ExitProcedure.Appraisal, ExitProcedure.Verification, ExitProcedure.Consent })
        {
            orchestration.Raise(ExitEvents.Decision(step), Decision(step, approved: true, orchestration.CountyNow));
        }

        orchestration.Advance(TimeSpan.FromDays(2));
        orchestration.Raise(ExitEvents.Objection, new Objection("objection-1", CaseId, "138****0001", "家中有小轿车", orchestration.CountyNow, null));
        var reviewKey = ExitProcedure.ObjectionReviewKey(1);
        orchestration.Advance(TimeSpan.FromHours(3));
        orchestration.Raise(ExitEvents.Objection, new Objection("objection-2", CaseId, "139****0002", "县城有商品房", orchestration.CountyNow, null));

        Assert.Equal(reviewKey, orchestration.CustomStatus);
        Assert.Equal([reviewKey, reviewKey], orchestration.InputsOf<ObjectionInput>(ExitActivities.RecordObjection).Select(o => o.ReviewStepKey));
        Assert.Equal(["objection-1", "objection-2"], orchestration.InputsOf<ObjectionInput>(ExitActivities.RecordObjection).Select(o => o.Objection.ObjectionId));

        orchestration.Advance(TimeSpan.FromDays(1));
        orchestration.Raise(ExitEvents.Decision(reviewKey), Decision(reviewKey, approved: true, orchestration.CountyNow));

        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Equal(ExitProcedure.Notice, orchestration.CustomStatus);
        Assert.Equal(TimeSpan.FromDays(5), orchestration.InputsOf<NoticeInput>(ExitActivities.OpenNotice)[^1].Remaining);
        Assert.Single(orchestration.InputsOf<StepInput>(ExitActivities.OpenStep), s => ExitProcedure.IsObjectionReview(s.StepKey));
        Assert.Equal(2, orchestration.InputsOf<ObjectionInput>(ExitActivities.RecordObjection).Count);
    }

    [Fact]
    public void An_objection_the_reviewer_had_not_seen_when_dismissing_gets_a_review_of_its_own_before_the_notice_resumes()
    {
        var orchestration = Script();
        var run = Run(orchestration);
        foreach (var step in new[] { ExitProcedure.Appraisal, ExitProcedure.Verification, ExitProcedure.Consent })
        {
            orchestration.Raise(ExitEvents.Decision(step), Decision(step, approved: true, orchestration.CountyNow));
        }

        orchestration.Advance(TimeSpan.FromDays(2));
        orchestration.Raise(ExitEvents.Objection, new Objection("objection-1", CaseId, "138****0001", "家中有小轿车", orchestration.CountyNow, null));
        var first = ExitProcedure.ObjectionReviewKey(1);
        orchestration.Advance(TimeSpan.FromDays(1));
        orchestration.Raise(ExitEvents.Objection, new Objection("objection-2", CaseId, "139****0002", "县城有商品房", orchestration.CountyNow, null));
        // The dismissal names only the objection its page showed.
        orchestration.Raise(ExitEvents.Decision(first), Decision(first, approved: true, orchestration.CountyNow) with { Objections = ["objection-1"] });

        var second = ExitProcedure.ObjectionReviewKey(2);
        ScriptedOrchestrationContext.AssertSuspended(run);
        Assert.Equal(second, orchestration.CustomStatus);
        Assert.Single(orchestration.InputsOf<NoticeInput>(ExitActivities.OpenNotice));
        var recorded = orchestration.InputsOf<ObjectionInput>(ExitActivities.RecordObjection);
        Assert.Equal([(first, "objection-1", ObjectionArrival.PausesNotice), (first, "objection-2", ObjectionArrival.JoinsReview), (second, "objection-2", ObjectionArrival.Unseen)],
            recorded.Select(o => (o.ReviewStepKey, o.Objection.ObjectionId, o.Arrival)));

        orchestration.Raise(ExitEvents.Decision(second), Decision(second, approved: true, orchestration.CountyNow) with { Objections = ["objection-2"] });

        Assert.Equal(ExitProcedure.Notice, orchestration.CustomStatus);
        Assert.Equal(TimeSpan.FromDays(5), orchestration.InputsOf<NoticeInput>(ExitActivities.OpenNotice)[^1].Remaining);
    }

    [Fact]
    public async Task A_withdrawal_while_a_step_waits_cancels_its_timers_and_closes_the_case_withdrawn()
    {
        var orchestration = Script();
        var run = Run(orchestration);
        Assert.NotEmpty(orchestration.PendingTimers);

        orchestration.Raise(ExitEvents.Withdrawal, new Withdrawal("重复建档", "王科长", Start));

        var result = await Finished(run);
        Assert.Equal(new ExitCaseResult(ExitCaseStatus.Withdrawn, "县扶贫办撤回：重复建档"), result);
        Assert.Empty(orchestration.PendingTimers);
        Assert.Equal([ExitActivities.OpenStep, ExitActivities.Close], CaseSteps(orchestration).Select(a => a.Name));
    }

    private static ScriptedOrchestrationContext Script()
    {
        var orchestration = new ScriptedOrchestrationContext(Start, CaseId);
        return orchestration
            .OnActivity<StepInput, OpenedStep>(ExitActivities.OpenStep, input => new OpenedStep(
                StepDeadline.For(input.Step, orchestration.CountyNow, WorkingCalendar.China), new CountyClockReading(orchestration.CountyNow, null)))
            .OnActivity<NoticeInput, OpenedNotice>(ExitActivities.OpenNotice, input => new OpenedNotice(
                orchestration.CountyNow + input.Remaining, new CountyClockReading(orchestration.CountyNow, null)))
            .OnActivity<StepInput, bool>(ExitActivities.Remind, _ => true)
            .OnActivity<StepInput, bool>(ExitActivities.Escalate, _ => true)
            .OnActivity<DecisionInput, bool>(ExitActivities.RecordDecision, _ => true)
            .OnActivity<ObjectionInput, bool>(ExitActivities.RecordObjection, _ => true)
            .OnActivity<TimelineInput, bool>(ExitActivities.AppendTimeline, _ => true)
            .OnActivity<CloseInput, bool>(ExitActivities.Deregister, _ => true)
            .OnActivity<CloseInput, bool>(ExitActivities.Close, _ => true);
    }

    private static Task<ExitCaseResult> Run(ScriptedOrchestrationContext orchestration) =>
        orchestration.Start(new HouseholdExitOrchestrator(), new ExitCaseInput(CaseId, Procedure));

    private static Task<ExitCaseResult> Finished(Task<ExitCaseResult> run)
    {
        Assert.True(run.IsCompleted, "The orchestrator still waits.");
        return run;
    }

    /// <summary>The case's own activities: the county clock reads left out.</summary>
    private static List<ActivityCall> CaseSteps(ScriptedOrchestrationContext orchestration) =>
        orchestration.Activities.Where(a => !a.Is(ReadCountyClockActivity.Name)).ToList();

    private static int Sequence(ActivityCall call) => call.Input switch
    {
        StepInput step => step.Sequence,
        NoticeInput notice => notice.Sequence,
        DecisionInput decision => decision.Sequence,
        ObjectionInput objection => objection.Sequence,
        CloseInput close => close.Sequence,
        TimelineInput timeline => timeline.Entry.Sequence,
        _ => throw new InvalidOperationException($"{call.Name} has no sequence number."),
    };

    private static StepDecision Decision(string step, bool approved, DateTimeOffset at, string? comment = null) =>
        new(CaseId, step, approved, comment, "张书记（民主村）", "村委会", at, "link-" + step, "10.0.0.7", "Tests/1.0");
}
