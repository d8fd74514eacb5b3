using Workflow.Domain.Projects;

namespace Workflow.App.Projects.Orchestration;

/// <summary>
/// What a wait's key stands for, read from the store: the link it is done through, its holder, its name as messages
/// say it, and whether it is still awaited (a step of that round not ended, a review under way, a quarter not recorded).
/// </summary>
internal sealed record ProjectAwaited(string Purpose, string Holder, string HolderName, string What, string? Step, bool Pending)
{
    public static ProjectAwaited Of(ProjectRecord record, ProjectProcedure procedure, string key)
    {
        var project = record.Project;
        if (ProjectQuarter.TryParse(key) is { } quarter)
        {
            // Checked() makes the last step operation: its decider records the quarters.
            var operation = procedure.Steps[^1];
            return new ProjectAwaited(ProjectRequests.QuarterPurpose, ProjectRecipients.Decider(project, operation), ProjectRecipients.NameOf(project, operation),
                $"{quarter.Shown}收益登记", null, !record.Quarters.Any(q => q.Yield.Quarter == quarter));
        }

        var read = ProjectStepKeys.Read(key) ?? throw new ArgumentException($"'{key}' is no project key.", nameof(key));
        var step = procedure.Step(read.Step) ?? throw new ArgumentException($"'{key}' names no step of {procedure.Name}.", nameof(key));
        var pending = record.Progress.Ended.Count == read.Round && (read.Review is null || record.Times?.Review == read.Review);
        return new ProjectAwaited(read.Review is null ? ProjectRequests.StepPurpose : ProjectRequests.ReviewPurpose, ProjectRecipients.Decider(project, step),
            ProjectRecipients.NameOf(project, step), read.Review is null ? step.Name : $"{step.Name}异议复核", step.Code, pending);
    }
}
