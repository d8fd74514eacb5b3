using Workflow.Domain.Projects;

namespace Workflow.App.Projects.Web;

/// <summary>
/// The outcomes a step's page offers, by what the link is for: 提交申报 for the proposal, 通过/退回 for reviews and the
/// approval (三评一审), 办结 for implementation, 验收通过 with its report for acceptance, 异议不成立/异议成立 for an
/// objection review. Each is a form value, its outcome and its zh-CN label; nothing else is taken.
/// </summary>
public sealed record ProjectChoice(string Value, ProjectOutcome Outcome, string Label)
{
    public static IReadOnlyList<ProjectChoice> For(ProjectStep step, bool review)
    {
        ArgumentNullException.ThrowIfNull(step);
        return review
            ? [new("dismiss", ProjectOutcome.NoticePassed, "异议不成立，公示继续"), new("uphold", ProjectOutcome.ObjectionUpheld, "异议成立，退回村级申报")]
            : step.Kind switch
            {
                ProjectStepKind.Review or ProjectStepKind.Approval => [new("approve", ProjectOutcome.Approved, "通过"), new("return", ProjectOutcome.Returned, "退回村级申报")],
                ProjectStepKind.Proposal => [new("done", ProjectOutcome.Done, "提交申报")],
                ProjectStepKind.Implementation => [new("done", ProjectOutcome.Done, "实施完成，办结")],
                ProjectStepKind.Acceptance => [new("done", ProjectOutcome.Done, "验收通过")],
                _ => [],
            };
    }

    /// <summary>How a page names an outcome in a project's history.</summary>
    public static string Shown(ProjectOutcome outcome) => outcome switch
    {
        ProjectOutcome.Done => "办结",
        ProjectOutcome.Approved => "通过",
        ProjectOutcome.Returned => "退回",
        ProjectOutcome.NoticePassed => "公示期满无异议",
        _ => "异议成立，退回",
    };
}
