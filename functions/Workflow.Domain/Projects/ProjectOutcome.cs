namespace Workflow.Domain.Projects;

/// <summary>How a step of the project procedure ended.</summary>
public enum ProjectOutcome
{
    /// <summary>完成: a proposal made, an implementation finished, an acceptance passed.</summary>
    Done,

    /// <summary>通过: a review or approval agreed.</summary>
    Approved,

    /// <summary>退回: a review or approval returned the project to its proposal.</summary>
    Returned,

    /// <summary>公示期满无异议, or every objection dismissed (异议不成立).</summary>
    NoticePassed,

    /// <summary>异议成立: an objection to the notice was upheld; the project returns to its proposal.</summary>
    ObjectionUpheld,
}
