using Workflow.Domain.Projects;
using Workflow.App.Durable;

namespace Workflow.App.Projects.Orchestration;

/// <summary>The names the project activities are registered under.</summary>
public static class ProjectActivities
{
    public const string OpenStep = "ProjectOpenStep";
    public const string Remind = "ProjectRemind";
    public const string Escalate = "ProjectEscalate";
    public const string PassNotice = "ProjectPassNotice";
    public const string TakeObjection = "ProjectTakeObjection";
    public const string ResumeNotice = "ProjectResumeNotice";
    public const string OpenQuarter = "ProjectOpenQuarter";
    public const string AskQuarter = "ProjectAskQuarter";
}

// The inputs of the activities. Each carries the workflow's sequence number, which keys what the activity sends, so an
// activity run twice sends nothing twice; the sequence goes on across ContinueAsNew (ProjectInput).

/// <summary>A project's workflow: its id and the sequence number it has reached (0 at the start).</summary>
public sealed record ProjectInput(string ProjectId, int Sequence);

public sealed record ProjectStepInput(string ProjectId, int Sequence);

/// <summary>
/// A wait of <paramref name="Key"/> (a step's, a review's, a quarter's) reached its time: <paramref name="At"/> is the county
/// time seen then, <paramref name="Deadline"/> the wait's deadline when it has one.
/// </summary>
public sealed record ProjectAtInput(string ProjectId, string Key, int Sequence, DateTimeOffset At, ProjectDeadline? Deadline = null);

public sealed record ProjectObjectionInput(ProjectObjection Objection, string ReviewKey, int Review, int Sequence);

/// <summary>A notice goes on after an objection was found unfounded, for what was <paramref name="Remaining"/> of it.</summary>
public sealed record ProjectResumeInput(string ProjectId, string StepKey, int Sequence, TimeSpan Remaining);

/// <summary>
/// A step as opened: its code and kind, its round and key, the deadline (a decision's), the end of the period (a
/// notice's), and the county clock as the activity read it.
/// </summary>
public sealed record ProjectStepOpening(string Step, ProjectStepKind Kind, int Round, string StepKey, ProjectDeadline? Deadline, DateTimeOffset? NoticeEndsAt,
    CountyClockReading Clock);

/// <summary>The next quarter to report (e.g. 2026Q3) and when it ends, the county clock as read.</summary>
public sealed record ProjectQuarterOpening(string Quarter, DateTimeOffset EndsAt, CountyClockReading Clock);
