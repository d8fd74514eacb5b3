using Workflow.Domain.Projects;

namespace Workflow.App.Projects;

/// <summary>A quarter of a project in operation as recorded (运营季报): its yield, whether it was below the line, who entered it.</summary>
public sealed record ProjectQuarterRecord(string ProjectId, ProjectYield Yield, bool BelowLine, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A project with where it stands in its procedure, its quarters so far and the times of the step it waits on (null until its workflow set them).</summary>
public sealed record ProjectRecord(PovertyProject Project, ProjectProgress Progress, IReadOnlyList<ProjectQuarterRecord> Quarters, ProjectStepTimes? Times = null)
{
    /// <summary>The key of the step waited on now (its code and round).</summary>
    public string StepKey => ProjectStepKeys.Of(Progress.CurrentStep, Progress.Ended.Count);

    /// <summary>The latest recorded quarter is below the county's line: the project is flagged (低于收益率底线).</summary>
    public bool Flagged => Quarters.Count > 0 && Quarters.MaxBy(q => (q.Yield.Quarter.Year, q.Yield.Quarter.Quarter))!.BelowLine;
}
