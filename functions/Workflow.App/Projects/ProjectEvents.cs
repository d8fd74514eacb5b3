namespace Workflow.App.Projects;

/// <summary>
/// The events a project's workflow waits for. Each is raised after the store has the change it reports, so the store
/// stays the one truth and an event raised twice (a redelivery, a double click) is recognised by its key and passed over.
/// </summary>
public static class ProjectEvents
{
    /// <summary>A step ended in the store (by a link or the county API): <see cref="ProjectStepEndedEvent"/>.</summary>
    public const string StepEnded = "ProjectStepEnded";

    /// <summary>Someone objected to a notice through its QR code: <see cref="ProjectObjection"/>.</summary>
    public const string Objection = "ProjectObjection";

    /// <summary>The decider found an objection unfounded (异议不成立): <see cref="ProjectObjectionDismissed"/>; the notice runs on.</summary>
    public const string ObjectionDismissed = "ProjectObjectionDismissed";

    /// <summary>A quarter of operation was recorded (by a link or the county): <see cref="ProjectQuarterRecorded"/>.</summary>
    public const string QuarterRecorded = "ProjectQuarterRecorded";
}

/// <summary>The step of <paramref name="Round"/> ended with <paramref name="Outcome"/>.</summary>
public sealed record ProjectStepEndedEvent(string Step, int Round, Domain.Projects.ProjectOutcome Outcome);

/// <summary>The review of that key found its objections unfounded.</summary>
public sealed record ProjectObjectionDismissed(string ReviewKey);

/// <summary>That quarter (e.g. 2026Q3) is recorded.</summary>
public sealed record ProjectQuarterRecorded(string Quarter);
