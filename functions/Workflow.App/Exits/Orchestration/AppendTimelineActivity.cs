using Microsoft.DurableTask;

namespace Workflow.App.Exits.Orchestration;

/// <summary>Writes one line of the case history that needs nothing else done.</summary>
public sealed class AppendTimelineActivity(ExitCaseStore cases) : TaskActivity<TimelineInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TimelineInput input)
    {
        await cases.AppendTimelineAsync(input.CaseId, input.Entry, CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
