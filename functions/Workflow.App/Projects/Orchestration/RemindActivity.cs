using Microsoft.DurableTask;
using Workflow.App.Notifications;

namespace Workflow.App.Projects.Orchestration;

/// <summary>The reminder before a deadline: the holder gets a fresh link with the deadline restated. False when nothing is awaited any more.</summary>
public sealed class RemindActivity(ProjectStore store, ProjectLedger ledger, ProjectRequests requests) : TaskActivity<ProjectAtInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ProjectAtInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var token = CancellationToken.None;
        var record = (await store.GetAsync(input.ProjectId, token).ConfigureAwait(false))!;
        var awaited = ProjectAwaited.Of(record, ledger.Procedure, input.Key);
        if (!awaited.Pending)
        {
            return false;
        }

        var due = input.Deadline is { } deadline ? $"办理时限 {ProjectRequests.Due(deadline)} 即将到期" : "办理时限即将到期";
        await requests.AskAsync(record.Project, awaited.Purpose, input.Key, awaited.Holder, input.Sequence, input.At, input.Deadline?.OverdueAt, NotificationKinds.Reminder,
            $"提醒：{awaited.What}即将到期", $"提醒：{ProjectRequests.Describe(record.Project)}的“{awaited.What}”{due}，请通过链接办理。", token).ConfigureAwait(false);
        return true;
    }
}
