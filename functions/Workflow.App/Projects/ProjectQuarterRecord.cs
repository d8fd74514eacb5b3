using Workflow.Domain.Projects;

namespace Workflow.App.Projects;

/// <summary>A quarter of a project in operation as recorded (运营季报): its yield, whether it was below the line, who entered it.</summary>
public sealed record ProjectQuarterRecord(string ProjectId, ProjectYield Yield, bool BelowLine, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A project with where it stands in its procedure and its quarters so far.</summary>
public sealed record ProjectRecord(PovertyProject Project, ProjectProgress Progress, IReadOnlyList<ProjectQuarterRecord> Quarters)
{
    /// <summary>The latest recorded quarter is below the county's line: the project is flagged (低于收益率底线).</summary>
    public bool Flagged => Quarters.Count > 0 && Quarters.MaxBy(q => (q.Yield.Quarter.Year, q.Yield.Quarter.Quarter))!.BelowLine;
}
