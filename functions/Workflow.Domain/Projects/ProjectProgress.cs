namespace Workflow.Domain.Projects;

/// <summary>One step as it ended: which, how, when, and the decider's note.</summary>
public sealed record ProjectStepEnded(string Step, ProjectOutcome Outcome, DateTimeOffset At, string? Note);

/// <summary>
/// Where a project stands in its procedure (项目进度): the step it waits on and the steps ended so far. A step is
/// decided once: a second decision of the same step (a link used twice, an event delivered twice) is refused, and a
/// return (退回, 异议成立) sends the project back to its proposal — that return is an assumption (see the procedure's
/// noticeObjection citation).
/// </summary>
public sealed record ProjectProgress(string CurrentStep, IReadOnlyList<ProjectStepEnded> Ended)
{
    public static ProjectProgress Start(ProjectProcedure procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        return new ProjectProgress(procedure.Steps[0].Code, []);
    }

    /// <summary>In operation: the project has passed every step before it and now records its quarters.</summary>
    public bool InOperation(ProjectProcedure procedure)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        return procedure.Step(CurrentStep)?.Kind == ProjectStepKind.Operation;
    }

    /// <summary>
    /// Ends <paramref name="step"/> with <paramref name="outcome"/>: the progress after it, or a zh-CN problem and
    /// no change when the step is not the one waited on or the outcome does not fit its kind.
    /// </summary>
    public ProjectMove Decide(ProjectProcedure procedure, string step, ProjectOutcome outcome, DateTimeOffset at, string? note)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        if (procedure.Step(step) is not { } current)
        {
            return ProjectMove.Refused("没有这个项目步骤。");
        }

        if (step != CurrentStep)
        {
            return Ended.Any(e => e.Step == step)
                ? ProjectMove.Refused($"“{current.Name}”已经办理，不能重复办理。")
                : ProjectMove.Refused($"项目尚未进行到“{current.Name}”。");
        }

        if (!Fits(current.Kind, outcome))
        {
            return ProjectMove.Refused($"“{current.Name}”不能以这种结果办结。");
        }

        var ended = Ended.Append(new ProjectStepEnded(step, outcome, at, note)).ToList();
        var next = outcome is ProjectOutcome.Returned or ProjectOutcome.ObjectionUpheld
            ? procedure.Steps[0]
            : procedure.After(step)!;
        return ProjectMove.To(new ProjectProgress(next.Code, ended));
    }

    private static bool Fits(ProjectStepKind kind, ProjectOutcome outcome) => kind switch
    {
        ProjectStepKind.Review or ProjectStepKind.Approval => outcome is ProjectOutcome.Approved or ProjectOutcome.Returned,
        ProjectStepKind.Notice => outcome is ProjectOutcome.NoticePassed or ProjectOutcome.ObjectionUpheld,
        ProjectStepKind.Proposal or ProjectStepKind.Implementation or ProjectStepKind.Acceptance => outcome is ProjectOutcome.Done,
        // Operation does not end by a decision: it records quarters until the county closes the project.
        _ => false,
    };
}

/// <summary>A decision's result: the next progress, or the zh-CN reason it was refused.</summary>
public sealed record ProjectMove(ProjectProgress? Next, string? Problem)
{
    public static ProjectMove To(ProjectProgress next) => new(next, null);

    public static ProjectMove Refused(string problem) => new(null, problem);
}
