using Microsoft.Extensions.Logging;

namespace Workflow.Durable;

/// <summary>
/// Runs one activity message and reports the outcome to the orchestration: applied straight to the instance when this
/// process holds its history, else through the control queue. The report's id is derived from the activity message's,
/// so running the activity again after a crash produces a duplicate the orchestration drops.
/// </summary>
internal sealed class ActivityDispatcher(
    IDurableStore store,
    DurableTaskRegistry registry,
    DurableTaskOptions options,
    TaskMessageCodec codec,
    Func<TaskMessage, CancellationToken, Task<bool>> applyInline,
    ILogger logger)
{
    public async Task ProcessAsync(ReceivedMessage raw, TaskMessage message, CancellationToken cancellationToken)
    {
        if (raw.DequeueCount > options.MaxDequeueCount)
        {
            await store.QuarantineAsync(raw, $"Delivered {raw.DequeueCount} times without completing (limit {options.MaxDequeueCount}).", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (message.Event is not TaskScheduled scheduled)
        {
            await store.QuarantineAsync(raw, $"An activity message must carry TaskScheduled, not {message.Event.GetType().Name}.", cancellationToken).ConfigureAwait(false);
            return;
        }

        HistoryEvent outcome;
        var activity = registry.CreateActivity(scheduled.Name);
        if (activity is null)
        {
            outcome = new TaskFailed(scheduled.TaskId, new TaskFailureDetails(
                "ActivityNotFound", $"No activity named '{scheduled.Name}' is registered with this worker.", null));
        }
        else
        {
            try
            {
                var input = DurableJson.Deserialize(scheduled.Input, activity.InputType);
                var context = new TaskActivityContext(scheduled.Name, message.InstanceId, scheduled.TaskId, cancellationToken);
                var output = await activity.RunAsync(context, input).ConfigureAwait(false);
                outcome = new TaskCompleted(scheduled.TaskId, DurableJson.Serialize(output));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogInformation(e, "Activity {Activity} of {InstanceId} failed.", scheduled.Name, message.InstanceId);
                outcome = new TaskFailed(scheduled.TaskId, TaskFailureDetails.FromException(e));
            }
        }

        var report = new TaskMessage($"{message.Id}|done", message.InstanceId, message.ExecutionId, outcome);
        if (!await TryApplyInlineAsync(report, cancellationToken).ConfigureAwait(false))
        {
            await store.SendAsync(QueueKind.Control, codec.Encode(report), null, cancellationToken).ConfigureAwait(false);
        }

        await store.DeleteAsync(raw, cancellationToken).ConfigureAwait(false);
    }

    // A failure part-way (say, after the step's commit, before its sends) is finished by the queue path: the report sent
    // there is recognised as consumed and the step's sends are repeated.
    private async Task<bool> TryApplyInlineAsync(TaskMessage report, CancellationToken cancellationToken)
    {
        try
        {
            return await applyInline(report, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Applying the outcome of {MessageId} to {InstanceId} directly failed; it goes through the queue.", report.Id, report.InstanceId);
            return false;
        }
    }
}
