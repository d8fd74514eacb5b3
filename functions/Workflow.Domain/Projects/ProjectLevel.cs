namespace Workflow.Domain.Projects;

/// <summary>
/// Where a step's decider sits (村、乡镇、县): the place whose holder gets the step's link. The step's data says it, as
/// only the data knows whether, say, a county's notice is posted by the township or the county office.
/// </summary>
public enum ProjectLevel
{
    /// <summary>村: the project's village (村两委、村民代表会议).</summary>
    Village,

    /// <summary>乡镇: the project's township (乡镇人民政府、项目评审小组).</summary>
    Township,

    /// <summary>县: the county (扶贫办、评审委员会、领导小组).</summary>
    County,
}
