using Microsoft.DurableTask;
using Workflow.Domain.Calendar;
using Workflow.Domain.Projects;
using Workflow.App.Durable;

namespace Workflow.App.Projects.Orchestration;

/// <summary>
/// The next quarter of operation to report: the one after the latest recorded, or, before any, the quarter the project
/// entered operation in (an assumption: its first quarter is reported even when it ran only part of it).
/// </summary>
public sealed class OpenQuarterActivity(ProjectStore store, CountyClock clock) : TaskActivity<ProjectStepInput, ProjectQuarterOpening>
{
    public override async Task<ProjectQuarterOpening> RunAsync(TaskActivityContext context, ProjectStepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var record = (await store.GetAsync(input.ProjectId, CancellationToken.None).ConfigureAwait(false))!;
        var latest = record.Quarters.Select(q => q.Yield.Quarter).OrderBy(q => (q.Year, q.Quarter)).Select(q => (ProjectQuarter?)q).LastOrDefault();
        var quarter = latest is { } last ? ProjectDeadlines.After(last) : ProjectDeadlines.QuarterOf(ShanghaiTime.DateOf(record.Progress.Ended[^1].At));
        return new ProjectQuarterOpening(quarter.ToString(), ProjectDeadlines.EndOf(quarter), clock.Read());
    }
}
