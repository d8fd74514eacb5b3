namespace Workflow.Domain.Projects;

/// <summary>
/// One step of a county's project procedure (项目库流程): its code, its zh-CN name, what it is, who decides it (a holder
/// named in words, e.g. 乡镇项目评审小组), how many working days it is given and, for a notice, how many days it is posted.
/// </summary>
/// <param name="Code">A stable code, e.g. "village-review".</param>
/// <param name="Name">The zh-CN name shown, e.g. 村级评议.</param>
/// <param name="Decider">The holder who decides the step, in words.</param>
/// <param name="Level">Where the decider sits: the place whose holder gets the step's link.</param>
/// <param name="WorkingDays">The working days the step is given before it is overdue.</param>
/// <param name="NoticeDays">For a notice, the days it stays posted; null for other steps.</param>
public sealed record ProjectStep(string Code, string Name, ProjectStepKind Kind, string Decider, ProjectLevel Level, int WorkingDays, int? NoticeDays, Citation Citation)
{
    /// <summary>A review or approval: a decider approves or returns the project.</summary>
    public bool IsDecision => Kind is ProjectStepKind.Review or ProjectStepKind.Approval;
}
