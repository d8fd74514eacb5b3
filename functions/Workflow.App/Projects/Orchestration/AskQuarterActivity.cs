using Microsoft.DurableTask;
using Workflow.Domain.Projects;
using Workflow.App.Notifications;

namespace Workflow.App.Projects.Orchestration;

/// <summary>
/// A quarter has ended: the township (the operation step's holder) gets the link to record its income and dividends, due
/// the operation step's working days later. Null when the quarter is recorded already (the county entered it).
/// </summary>
public sealed class AskQuarterActivity(ProjectStore store, ProjectLedger ledger, ProjectRequests requests, ProjectDeadlines deadlines) : TaskActivity<ProjectAtInput, ProjectDeadline?>
{
    public override async Task<ProjectDeadline?> RunAsync(TaskActivityContext context, ProjectAtInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var token = CancellationToken.None;
        var record = (await store.GetAsync(input.ProjectId, token).ConfigureAwait(false))!;
        var quarter = ProjectQuarter.TryParse(input.Key)!.Value;
        if (record.Quarters.Any(q => q.Yield.Quarter == quarter))
        {
            return null;
        }

        var operation = ledger.Procedure.Steps[^1];
        var deadline = deadlines.ForQuarter(operation, quarter, input.At);
        await requests.AskAsync(record.Project, ProjectRequests.QuarterPurpose, input.Key, ProjectRecipients.Decider(record.Project, operation), input.Sequence, input.At,
            deadline.OverdueAt, NotificationKinds.DecisionAwaited, $"待登记：{quarter.Shown}项目收益",
            $"{ProjectRequests.Describe(record.Project)}运营中。请于 {ProjectRequests.Due(deadline)} 前通过链接登记{quarter.Shown}的收益和分红到户金额。", token).ConfigureAwait(false);
        return deadline;
    }
}
