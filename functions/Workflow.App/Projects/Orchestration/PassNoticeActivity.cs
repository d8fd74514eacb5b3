using Microsoft.DurableTask;
using Workflow.Domain.Projects;

namespace Workflow.App.Projects.Orchestration;

/// <summary>The notice's period ended with no objection upheld: the step ends NoticePassed (公示期满无异议), written and audited by the ledger.</summary>
public sealed class PassNoticeActivity(ProjectLedger ledger) : TaskActivity<ProjectAtInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ProjectAtInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var key = ProjectStepKeys.Read(input.Key)!.Value;
        // Refused only when the step has ended otherwise meanwhile (the county API): then there is nothing to pass.
        await ledger.DecideAsync(new ProjectStepChange(input.ProjectId, key.Step, key.Round, ProjectOutcome.NoticePassed, "公示期满，无异议或异议经复核不成立。",
            "系统（公示期满）", "System", input.At), CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
