namespace Workflow.Domain.Exits;

/// <summary>What happens at a step of a case procedure (exit or entry).</summary>
public enum ExitStepKind
{
    /// <summary>Someone with the step's role approves or rejects, through a link.</summary>
    Decision,

    /// <summary>公示: the notice is displayed for the notice period; an objection sends the case to review.</summary>
    PublicNotice,

    /// <summary>销号: the register is updated; nobody decides.</summary>
    Deregistration,

    /// <summary>挂号: the household is entered on the register (新识别) or back as 未脱贫 (返贫); nobody decides.</summary>
    Registration,
}
