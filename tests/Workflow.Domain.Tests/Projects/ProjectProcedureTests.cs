using Workflow.Domain.Projects;

namespace Workflow.Domain.Tests.Projects;

/// <summary>The shipped project procedure (三评一审, 六步三公示 as county practice) and a project's way through it.</summary>
public class ProjectProcedureTests
{
    private static readonly ProjectProcedure Procedure = ProjectProcedure.Default;
    private static readonly DateTimeOffset At = new(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void The_default_has_three_reviews_one_approval_and_three_notices_from_proposal_to_operation()
    {
        Assert.Equal(3, Procedure.Steps.Count(s => s.Kind == ProjectStepKind.Review));
        Assert.Single(Procedure.Steps, s => s.Kind == ProjectStepKind.Approval);
        Assert.Equal(3, Procedure.Steps.Count(s => s.Kind == ProjectStepKind.Notice));
        Assert.Equal(ProjectStepKind.Proposal, Procedure.Steps[0].Kind);
        Assert.Equal(ProjectStepKind.Operation, Procedure.Steps[^1].Kind);
        Assert.All(Procedure.Steps.Where(s => s.Kind == ProjectStepKind.Notice), s => Assert.Equal(7, s.NoticeDays));
    }

    [Fact]
    public void A_project_passes_every_step_to_operation()
    {
        var progress = ProjectProgress.Start(Procedure);
        foreach (var step in Procedure.Steps.SkipLast(1))
        {
            var outcome = step.Kind switch
            {
                ProjectStepKind.Review or ProjectStepKind.Approval => ProjectOutcome.Approved,
                ProjectStepKind.Notice => ProjectOutcome.NoticePassed,
                _ => ProjectOutcome.Done,
            };
            progress = progress.Decide(Procedure, step.Code, outcome, At, null).Next!;
        }

        Assert.True(progress.InOperation(Procedure));
        Assert.Equal(Procedure.Steps.Count - 1, progress.Ended.Count);
    }

    [Fact]
    public void A_step_decided_twice_is_refused_and_nothing_changes()
    {
        var first = ProjectProgress.Start(Procedure).Decide(Procedure, "proposal", ProjectOutcome.Done, At, null).Next!;
        var again = first.Decide(Procedure, "proposal", ProjectOutcome.Done, At, null);

        Assert.Null(again.Next);
        Assert.Equal("“村级申报”已经办理，不能重复办理。", again.Problem);
        Assert.Equal("village-review", first.CurrentStep);
    }

    [Fact]
    public void A_step_not_yet_reached_or_an_outcome_that_does_not_fit_is_refused()
    {
        var start = ProjectProgress.Start(Procedure);
        Assert.Equal("项目尚未进行到“县审批（一审）”。", start.Decide(Procedure, "county-approval", ProjectOutcome.Approved, At, null).Problem);
        Assert.NotNull(start.Decide(Procedure, "proposal", ProjectOutcome.Approved, At, null).Problem);
        Assert.Equal("没有这个项目步骤。", start.Decide(Procedure, "nope", ProjectOutcome.Done, At, null).Problem);
    }

    [Fact]
    public void An_upheld_objection_returns_the_project_to_its_proposal()
    {
        var progress = ProjectProgress.Start(Procedure)
            .Decide(Procedure, "proposal", ProjectOutcome.Done, At, null).Next!
            .Decide(Procedure, "village-review", ProjectOutcome.Approved, At, null).Next!
            .Decide(Procedure, "village-notice", ProjectOutcome.ObjectionUpheld, At, "群众反映选址不当").Next!;

        Assert.Equal("proposal", progress.CurrentStep);
    }

    [Fact]
    public void A_procedure_that_does_not_end_in_operation_is_refused()
    {
        var broken = Procedure with { Steps = Procedure.Steps.SkipLast(1).ToList() };
        Assert.Throws<InvalidDataException>(() => broken.Checked());
    }
}
