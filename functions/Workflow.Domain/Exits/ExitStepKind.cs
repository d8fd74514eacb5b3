namespace Workflow.Domain.Exits;

/// <summary>What happens at a step of the exit procedure.</summary>
public enum ExitStepKind
{
    /// <summary>Someone with the step's role approves or rejects, through a link.</summary>
    Decision,

    /// <summary>公示: the notice is displayed for the notice period; an objection sends the case to review.</summary>
    PublicNotice,

    /// <summary>销号: the register is updated; nobody decides.</summary>
    Deregistration,
}
