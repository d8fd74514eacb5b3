namespace Workflow.Domain.Projects;

/// <summary>What a step of the project procedure (项目库流程) is: who acts and how it ends.</summary>
public enum ProjectStepKind
{
    /// <summary>申报: the village proposes the project.</summary>
    Proposal,

    /// <summary>评: a review (one of 三评) that approves or returns the project.</summary>
    Review,

    /// <summary>审: the county's approval (一审).</summary>
    Approval,

    /// <summary>公示: a public notice (one of 六步三公示) that ends when its period passes with no objection upheld.</summary>
    Notice,

    /// <summary>实施: the project is built or started.</summary>
    Implementation,

    /// <summary>验收: the project is accepted on completion.</summary>
    Acceptance,

    /// <summary>运营: the project runs and yields; its quarters are recorded.</summary>
    Operation,
}
