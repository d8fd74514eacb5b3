using Workflow.Domain.Projects;
using Workflow.App.Durable;
using Workflow.App.Projects;
using Workflow.App.Projects.Orchestration;
using Workflow.App.Tests.Durable;
using Xunit;

namespace Workflow.App.Tests.Projects;

/// <summary>
/// The project orchestration alone on a scripted context (the harness mocks only the orchestrator's context): the test
/// says what each activity finds in the store and raises the events, so what the workflow does with a copy of an
/// earlier round's event, a reminder that finds the step already ended, an objection raised twice and a quarter can be
/// seen step by step. ProjectWorkflowTests runs it on the real engine.
/// </summary>
public sealed class ProjectOrchestratorTests
{
    private const string Id = "proj-532331-0f3a9c21b7d4";

    /// <summary>Monday 2 March 2026, 09:00 in Beijing.</summary>
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Stale_events_and_a_repeated_objection_are_passed_over_a_reminder_that_finds_the_step_ended_reopens_it_and_a_dismissed_objection_resumes_the_notice()
    {
        var orchestration = new ScriptedOrchestrationContext(Start, Id);
        var noticeEndsAt = Start.AddDays(8);
        var resumedEndsAt = Start.AddDays(9);
        var openings = new Queue<Func<ProjectStepOpening>>(
        [
            () => new ProjectStepOpening("village-review", ProjectStepKind.Review, 1, "village-review.1",
                new ProjectDeadline(new DateOnly(2026, 3, 4), Start.AddDays(2), Start.AddDays(1)), null, new CountyClockReading(orchestration.CountyNow, null)),
            () => new ProjectStepOpening("village-notice", ProjectStepKind.Notice, 2, "village-notice.2", null, noticeEndsAt, new CountyClockReading(orchestration.CountyNow, null)),
            () => new ProjectStepOpening("operation", ProjectStepKind.Operation, 3, "operation.3", null, null, new CountyClockReading(orchestration.CountyNow, null)),
        ]);
        orchestration.OnActivity<ProjectStepInput, ProjectStepOpening>(ProjectActivities.OpenStep, _ => openings.Dequeue()());
        // The reminder finds the review ended in the store though its event never came (a crash between the two).
        orchestration.OnActivity<ProjectAtInput, bool>(ProjectActivities.Remind, _ => false);
        orchestration.OnActivity<ProjectObjectionInput, ProjectDeadline>(ProjectActivities.TakeObjection,
            _ => new ProjectDeadline(new DateOnly(2026, 3, 20), Start.AddDays(20), null));
        orchestration.OnActivity<ProjectResumeInput, DateTimeOffset>(ProjectActivities.ResumeNotice, _ => resumedEndsAt);
        orchestration.OnActivity<ProjectAtInput, bool>(ProjectActivities.PassNotice, _ => true);
        orchestration.OnActivity<ProjectStepInput, ProjectQuarterOpening>(ProjectActivities.OpenQuarter,
            _ => new ProjectQuarterOpening("2026Q1", new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.FromHours(8)), new CountyClockReading(orchestration.CountyNow, null)));
        orchestration.OnActivity<ProjectAtInput, ProjectDeadline?>(ProjectActivities.AskQuarter, _ => new ProjectDeadline(new DateOnly(2026, 4, 15), Start.AddDays(45), null));

        var run = orchestration.Start(new ProjectOrchestrator(), new ProjectInput(Id, 0));
        orchestration.FireNextTimerNow();
        Assert.Equal("village-review.1", orchestration.CustomStatus);

        // A copy of the proposal's end (round 0) is not the review's.
        orchestration.Raise(ProjectEvents.StepEnded, new ProjectStepEndedEvent("proposal", 0, ProjectOutcome.Done));
        Assert.Single(orchestration.InputsOf<ProjectStepInput>(ProjectActivities.OpenStep));
        Assert.True(orchestration.IsWaitingFor(ProjectEvents.StepEnded));

        // At the reminder the store says the review has ended: the workflow reads the store again, and no 督办 follows.
        orchestration.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(2));
        Assert.Single(orchestration.InputsOf<ProjectAtInput>(ProjectActivities.Remind));
        Assert.Equal("village-notice.2", orchestration.CustomStatus);

        // An objection pauses the notice for its review; dismissed, the notice resumes for what was left of it.
        var objection = new ProjectObjection("o1", Id, "village-notice.2", "13800000000", "选址占用耕地", orchestration.CountyNow, null);
        orchestration.Raise(ProjectEvents.Objection, objection with { StepKey = "village-notice.0", ObjectionId = "old" });
        Assert.Empty(orchestration.InputsOf<ProjectObjectionInput>(ProjectActivities.TakeObjection));
        orchestration.Raise(ProjectEvents.Objection, objection);
        var taken = Assert.Single(orchestration.InputsOf<ProjectObjectionInput>(ProjectActivities.TakeObjection));
        Assert.Equal("village-notice.2.objection-1", taken.ReviewKey);
        orchestration.Raise(ProjectEvents.ObjectionDismissed, new ProjectObjectionDismissed("village-notice.2.objection-1"));
        Assert.Equal(noticeEndsAt - objection.FiledAt, Assert.Single(orchestration.InputsOf<ProjectResumeInput>(ProjectActivities.ResumeNotice)).Remaining);

        // The same objection raised again (the sweep after a crash) opens no second review.
        orchestration.Raise(ProjectEvents.Objection, objection);
        Assert.Single(orchestration.InputsOf<ProjectObjectionInput>(ProjectActivities.TakeObjection));

        // The period as resumed passes: the notice ends NoticePassed, once, and operation opens its first quarter.
        orchestration.Advance(resumedEndsAt - orchestration.CountyNow + TimeSpan.FromSeconds(2));
        Assert.Single(orchestration.InputsOf<ProjectAtInput>(ProjectActivities.PassNotice));
        Assert.Equal("2026Q1", orchestration.CustomStatus);
        Assert.Empty(orchestration.InputsOf<ProjectAtInput>(ProjectActivities.AskQuarter));

        orchestration.Advance(new DateTimeOffset(2026, 4, 1, 0, 0, 2, TimeSpan.FromHours(8)) - orchestration.CountyNow);
        Assert.Equal("2026Q1", Assert.Single(orchestration.InputsOf<ProjectAtInput>(ProjectActivities.AskQuarter)).Key);
        orchestration.Raise(ProjectEvents.QuarterRecorded, new ProjectQuarterRecorded("2025Q4"));
        Assert.Null(orchestration.ContinuedAsNew);
        orchestration.Raise(ProjectEvents.QuarterRecorded, new ProjectQuarterRecorded("2026Q1"));
        Assert.True(run.IsCompletedSuccessfully);
        var next = Assert.IsType<ProjectInput>(orchestration.ContinuedAsNew!.NewInput);
        Assert.Equal(Id, next.ProjectId);
        Assert.True(next.Sequence > 0);
        Assert.Empty(orchestration.InputsOf<ProjectAtInput>(ProjectActivities.Escalate));
    }

    [Fact]
    public void A_quarter_not_reported_is_reminded_then_escalated_and_the_workflow_waits_on_until_it_is_recorded()
    {
        var orchestration = new ScriptedOrchestrationContext(Start, Id);
        var quarterEnds = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var deadline = new ProjectDeadline(new DateOnly(2026, 4, 15), new DateTimeOffset(2026, 4, 16, 0, 0, 0, TimeSpan.FromHours(8)),
            new DateTimeOffset(2026, 4, 13, 0, 0, 0, TimeSpan.FromHours(8)));
        orchestration.OnActivity<ProjectStepInput, ProjectStepOpening>(ProjectActivities.OpenStep,
            _ => new ProjectStepOpening("operation", ProjectStepKind.Operation, 10, "operation.10", null, null, new CountyClockReading(orchestration.CountyNow, null)));
        orchestration.OnActivity<ProjectStepInput, ProjectQuarterOpening>(ProjectActivities.OpenQuarter,
            _ => new ProjectQuarterOpening("2026Q1", quarterEnds, new CountyClockReading(orchestration.CountyNow, null)));
        orchestration.OnActivity<ProjectAtInput, ProjectDeadline?>(ProjectActivities.AskQuarter, _ => deadline);
        orchestration.OnActivity<ProjectAtInput, bool>(ProjectActivities.Remind, _ => true);
        orchestration.OnActivity<ProjectAtInput, bool>(ProjectActivities.Escalate, _ => true);

        var run = orchestration.Start(new ProjectOrchestrator(), new ProjectInput(Id, 40));
        Assert.Equal("2026Q1", orchestration.CustomStatus);

        orchestration.Advance(deadline.RemindAt!.Value - orchestration.CountyNow + TimeSpan.FromSeconds(2));
        Assert.Equal("2026Q1", Assert.Single(orchestration.InputsOf<ProjectAtInput>(ProjectActivities.Remind)).Key);
        Assert.Empty(orchestration.InputsOf<ProjectAtInput>(ProjectActivities.Escalate));

        orchestration.Advance(deadline.OverdueAt - orchestration.CountyNow + TimeSpan.FromSeconds(2));
        var escalated = Assert.Single(orchestration.InputsOf<ProjectAtInput>(ProjectActivities.Escalate));
        Assert.Equal(deadline, escalated.Deadline);

        // Escalated, the wait has no further deadline: weeks pass and nothing more is sent until the quarter is recorded.
        orchestration.Advance(TimeSpan.FromDays(30));
        Assert.Single(orchestration.InputsOf<ProjectAtInput>(ProjectActivities.Escalate));
        ScriptedOrchestrationContext.AssertSuspended(run);
        orchestration.Raise(ProjectEvents.QuarterRecorded, new ProjectQuarterRecorded("2026Q1"));
        Assert.True(run.IsCompletedSuccessfully);
        Assert.False(orchestration.ContinuedAsNew!.PreserveUnprocessedEvents);
    }
}
