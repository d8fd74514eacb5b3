using Microsoft.DurableTask;
using Workflow.App.Durable;

namespace Workflow.App.Projects.Orchestration;

/// <summary>
/// One poverty project (扶贫项目) through its county's procedure, under the project's id: each step opened from the store
/// in turn, decided through its holder's link or the county API, reminded and escalated (督办) in working days, its
/// notices run for their days with objections reviewed; then in operation one quarter per execution
/// (<see cref="ProjectRun"/>), continued as new so the history stays short over the project's years.
/// </summary>
public sealed class ProjectOrchestrator : TaskOrchestrator<ProjectInput, string>
{
    public const string Name = "PovertyProject";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, ProjectInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Sequence == 0)
        {
            await context.CheckpointStartAsync();
        }

        return await new ProjectRun(context, input).RunAsync();
    }
}
