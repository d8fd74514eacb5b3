using Workflow.Domain.Projects;

namespace Workflow.App.Projects;

/// <summary>
/// Who holds a project's step, written role@place like every recipient: the step's decider as the county's procedure
/// names it, at the place its level says (the project's village, its township, or the county), e.g.
/// 乡镇项目评审小组@532331101; pages show it as 乡镇项目评审小组（碧城镇）. The county office (县扶贫办经办人) gets the copies
/// of 督办 and the flags of projects below the line.
/// </summary>
public static class ProjectRecipients
{
    public static string Decider(PovertyProject project, ProjectStep step)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(step);
        return $"{step.Decider}@{PlaceCode(project, step.Level)}";
    }

    public static string CountyOffice(PovertyProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return $"CountyOfficer@{project.CountyCode}";
    }

    /// <summary>The decider as pages name it, e.g. 碧城镇竹湖村村两委, 碧城镇乡镇项目评审小组, 县扶贫办.</summary>
    public static string NameOf(PovertyProject project, ProjectStep step)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(step);
        return step.Level switch
        {
            ProjectLevel.Village => $"{project.Township}{project.Village}{step.Decider}",
            ProjectLevel.Township => step.Decider.StartsWith("乡镇", StringComparison.Ordinal) ? $"{project.Township}{step.Decider[2..]}" : $"{project.Township}{step.Decider}",
            _ => step.Decider,
        };
    }

    private static string PlaceCode(PovertyProject project, ProjectLevel level) => level switch
    {
        ProjectLevel.Village => project.VillageCode,
        ProjectLevel.Township => project.TownshipCode,
        _ => project.CountyCode,
    };
}
