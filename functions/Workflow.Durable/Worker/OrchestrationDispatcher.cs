using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Workflow.Durable;

/// <summary>
/// Takes an instance's control messages through one step: load (or reuse) history → drop duplicates and
/// stale messages → replay → commit the step with the checkpoint's ETag → send what the step produced →
/// delete the taken messages → refresh the instances index. A crash between any two of these is safe:
/// before the commit the messages come back and the step is redone; after it, the redelivered messages
/// are recognised as consumed and only the step's sends are repeated (receivers drop duplicates).
/// </summary>
internal sealed class OrchestrationDispatcher(
    IDurableStore store,
    DurableTaskRegistry registry,
    DurableTaskOptions options,
    TaskMessageCodec codec,
    HistoryCache cache,
    TimerReceipts timers,
    ILogger logger)
{
    private const int Passes = 3;

    // An event for an instance whose start is still in flight waits with growing delays, up to about two hours in all.
    private const int MaxDeferrals = 30;
    private static readonly TimeSpan MaxDeferral = TimeSpan.FromMinutes(5);

    private enum Disposition
    {
        /// <summary>The same message id twice in this batch.</summary>
        Duplicate,

        /// <summary>Consumed by a committed step: a redelivery after a crash.</summary>
        Redelivered,

        /// <summary>A re-armed timer that surfaced before its time.</summary>
        EarlyTimer,
        Apply,
        Drop,

        /// <summary>For an execution whose start has not been processed yet.</summary>
        NotYet,

        /// <summary>Delivered too often without being applied.</summary>
        Poison,
    }

    public async Task ProcessAsync(string instanceId, IReadOnlyList<(ReceivedMessage Raw, TaskMessage Message)> batch, CancellationToken cancellationToken)
    {
        foreach (var fired in batch.Select(b => b.Message.Event).OfType<TimerFired>())
        {
            timers.Fired(instanceId, fired.TaskId);
        }

        var history = cache.Get(instanceId);
        var fromCache = history is not null;
        history ??= await store.LoadHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var pending = batch;
        for (var pass = 1; ; pass++)
        {
            var now = store.Time.GetUtcNow().UtcDateTime;
            var classified = await ClassifyAsync(instanceId, history, pending, now, cancellationToken).ConfigureAwait(false);

            // Dropping or deferring rests on the instance's state: never decide that from a cached copy that may be behind.
            if (fromCache && classified.Any(c => c.Disposition is Disposition.Drop or Disposition.NotYet))
            {
                (history, fromCache) = await ReloadAsync(instanceId, cancellationToken).ConfigureAwait(false);
                continue;
            }

            foreach (var (item, disposition, step, reason) in classified.Where(c => c.Disposition != Disposition.Apply))
            {
                await SettleAsync(instanceId, history, item, disposition, step, reason, now, cancellationToken).ConfigureAwait(false);
            }

            var apply = classified.Where(c => c.Disposition == Disposition.Apply).Select(c => c.Item).ToList();
            if (apply.Count == 0 || await RunStepAsync(instanceId, history, apply, now, cancellationToken).ConfigureAwait(false))
            {
                foreach (var (raw, _) in apply)
                {
                    await store.DeleteAsync(raw, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            // Another worker committed first: redo the step from its history while this worker still holds the messages.
            if (pass == Passes)
            {
                foreach (var (raw, _) in apply)
                {
                    await store.AbandonAsync(raw, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            pending = apply;
            (history, fromCache) = await ReloadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Applies an activity's outcome reported in this process as a step of its own when the instance's history is cached
    /// here: the control queue's send, receive and delete are saved, and the next step starts one queue hop sooner. False
    /// when anything but a plain apply is called for (no cached history, a duplicate, an ended instance, another worker
    /// committed first); the caller then sends the report through the queue, whose path handles every case.
    /// </summary>
    public async Task<bool> TryApplyInlineAsync(TaskMessage report, CancellationToken cancellationToken)
    {
        if (cache.Get(report.InstanceId) is not { } history)
        {
            return false;
        }

        var now = store.Time.GetUtcNow().UtcDateTime;
        List<(ReceivedMessage Raw, TaskMessage Message)> item = [(new ReceivedMessage(QueueKind.Control, report.Id, string.Empty, 1, string.Empty), report)];
        var classified = await ClassifyAsync(report.InstanceId, history, item, now, cancellationToken).ConfigureAwait(false);
        if (classified[0].Disposition != Disposition.Apply)
        {
            return false;
        }

        if (await RunStepAsync(report.InstanceId, history, item, now, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        cache.Remove(report.InstanceId);
        return false;
    }

    private async Task<(InstanceHistory?, bool)> ReloadAsync(string instanceId, CancellationToken cancellationToken)
    {
        cache.Remove(instanceId);
        return (await store.LoadHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false), false);
    }

    private async Task<List<((ReceivedMessage Raw, TaskMessage Message) Item, Disposition Disposition, HistoryStep? Step, string? Reason)>> ClassifyAsync(
        string instanceId,
        InstanceHistory? history,
        IReadOnlyList<(ReceivedMessage Raw, TaskMessage Message)> batch,
        DateTime now,
        CancellationToken cancellationToken)
    {
        var consumedBy = ConsumedMessages(history);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var startTaken = false;
        var classified = new List<((ReceivedMessage, TaskMessage), Disposition, HistoryStep?, string?)>(batch.Count);
        foreach (var item in batch)
        {
            var (raw, message) = item;
            (Disposition Disposition, HistoryStep? Step, string? Reason) verdict;
            if (!seen.Add(message.Id))
            {
                verdict = (Disposition.Duplicate, null, null);
            }
            else if (consumedBy.TryGetValue(message.Id, out var step))
            {
                verdict = (Disposition.Redelivered, step, null);
            }
            else if (message.Event is TimerFired timer && timer.FireAt > now)
            {
                verdict = (Disposition.EarlyTimer, null, null);
            }
            else if (message.Event is ExecutionStarted)
            {
                verdict = !startTaken && await AcceptsStartAsync(history, message, cancellationToken).ConfigureAwait(false)
                    ? (Disposition.Apply, null, null)
                    : (Disposition.Drop, null, $"a start of execution {message.ExecutionId} the instance is not waiting for");
                startTaken |= verdict.Disposition == Disposition.Apply;
            }
            else if (history is null || history.Checkpoint.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.ContinuedAsNew)
            {
                verdict = history is null && await store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is null
                    ? (Disposition.Drop, null, "no such instance")
                    : (Disposition.NotYet, null, null);
            }
            else if (history.Checkpoint.IsEnded)
            {
                verdict = (Disposition.Drop, null, $"the instance has ended ({history.Checkpoint.RuntimeStatus})");
            }
            else if (message.ExecutionId is not null && message.ExecutionId != history.Checkpoint.ExecutionId)
            {
                verdict = (Disposition.Drop, null, "it belongs to an earlier execution");
            }
            else
            {
                verdict = (Disposition.Apply, null, null);
            }

            // Only a message that would change the instance counts toward poisoning; redelivered ones must finish their recovery.
            if (verdict.Disposition is Disposition.Apply or Disposition.NotYet && raw.DequeueCount > options.MaxDequeueCount)
            {
                verdict = (Disposition.Poison, null, $"Delivered {raw.DequeueCount} times without completing (limit {options.MaxDequeueCount}).");
            }

            classified.Add((item, verdict.Disposition, verdict.Step, verdict.Reason));
        }

        return classified;
    }

    private async Task SettleAsync(
        string instanceId,
        InstanceHistory? history,
        (ReceivedMessage Raw, TaskMessage Message) item,
        Disposition disposition,
        HistoryStep? step,
        string? reason,
        DateTime now,
        CancellationToken cancellationToken)
    {
        var (raw, message) = item;
        switch (disposition)
        {
            case Disposition.Redelivered:
                // A crash followed the commit: finish what that step began. The index write only moves forward.
                await SendAsync(step!.Outbound, cancellationToken).ConfigureAwait(false);
                await store.WriteInstanceIfNewerAsync(history!.Checkpoint, cancellationToken).ConfigureAwait(false);
                break;
            case Disposition.EarlyTimer:
                // A timer longer than the queue's maximum delay surfaced early: put it back for the rest.
                var fireAt = ((TimerFired)message.Event).FireAt;
                await store.SendAsync(QueueKind.Control, raw.Body, AsUtc(fireAt), cancellationToken).ConfigureAwait(false);
                break;
            case Disposition.Drop:
                logger.LogWarning("Dropped {Event} for {InstanceId}: {Reason}.", message.Event.GetType().Name, instanceId, reason);
                break;
            case Disposition.NotYet when message.Deferrals >= MaxDeferrals:
                await store.QuarantineAsync(raw, $"The instance did not start after {MaxDeferrals} waits for it.", cancellationToken).ConfigureAwait(false);
                return;
            case Disposition.NotYet:
                // Sent again as a fresh message: waiting for a start is not a failed delivery and must not count toward poisoning.
                var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, message.Deferrals), MaxDeferral.TotalSeconds));
                await store.SendAsync(QueueKind.Control, codec.Encode(message with { Deferrals = message.Deferrals + 1 }), AsUtc(now) + delay, cancellationToken).ConfigureAwait(false);
                break;
            case Disposition.Poison:
                logger.LogWarning("Quarantined {Event} for {InstanceId}: {Reason}", message.Event.GetType().Name, instanceId, reason);
                await store.QuarantineAsync(raw, reason!, cancellationToken).ConfigureAwait(false);
                return;
        }

        await store.DeleteAsync(raw, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> RunStepAsync(
        string instanceId,
        InstanceHistory? history,
        List<(ReceivedMessage Raw, TaskMessage Message)> apply,
        DateTime now,
        CancellationToken cancellationToken)
    {
        var start = apply.Select(a => a.Message.Event).OfType<ExecutionStarted>().FirstOrDefault();
        var newExecution = start is not null;
        var past = newExecution ? [] : history!.Events.ToList();
        var startedEvent = start ?? past.OfType<ExecutionStarted>().First();
        if (newExecution && startedEvent.Version is null)
        {
            startedEvent = startedEvent with { Version = registry.DefaultVersion(startedEvent.Name) };
        }

        var arrived = new List<HistoryEvent> { new OrchestratorStarted(now) };
        if (newExecution)
        {
            arrived.Add(startedEvent);
        }

        arrived.AddRange(apply.Select(a => a.Message.Event).Where(e => e is not ExecutionStarted));
        var orchestrator = startedEvent.Version is null ? null : registry.CreateOrchestrator(startedEvent.Name, startedEvent.Version);
        var result = orchestrator is null
            ? OrchestrationStepResult.Failed(new TaskFailureDetails(
                "OrchestratorNotFound",
                $"No orchestrator named '{startedEvent.Name}'{(startedEvent.Version is null ? string.Empty : $" version '{startedEvent.Version}'")} is registered with this worker.",
                null))
            : OrchestrationExecutor.Execute(orchestrator, instanceId, past, arrived);

        var executionId = startedEvent.ExecutionId;
        var outbound = Outbound(instanceId, executionId, startedEvent, result, now);
        var events = arrived
            .Concat(result.Actions.Select(a => a.ToHistoryEvent()))
            .Concat(result.Completion is null ? [] : [result.Completion])
            .ToList();
        var previous = history?.Checkpoint;
        var checkpoint = Checkpoint(instanceId, previous, startedEvent, result, outbound, now, newExecution);
        var steps = newExecution ? [] : history!.Steps;
        var step = new HistoryStep(steps.Count, executionId, apply.Select(a => a.Message.Id).ToList(), events, outbound);

        string etag;
        try
        {
            etag = await store.CommitStepAsync(instanceId, history?.ETag, checkpoint, step, cancellationToken).ConfigureAwait(false);
        }
        catch (DurableConcurrencyException)
        {
            return false;
        }

        cache.Set(instanceId, new InstanceHistory(etag, checkpoint, [.. steps, step]));
        await SendAsync(outbound, cancellationToken).ConfigureAwait(false);
        await DeleteTimersAsync(result.Completion is null ? timers.Take(instanceId, result.CancelledTimers) : timers.TakeAll(instanceId), cancellationToken).ConfigureAwait(false);
        if (previous is null || IndexChanged(previous, checkpoint))
        {
            await store.WriteInstanceIfNewerAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        }

        if (newExecution && history is not null)
        {
            await store.PruneHistoryAsync(instanceId, executionId, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private async Task<bool> AcceptsStartAsync(InstanceHistory? history, TaskMessage message, CancellationToken cancellationToken)
    {
        if (history is null)
        {
            return true;
        }

        var checkpoint = history.Checkpoint;
        if (checkpoint.RuntimeStatus == OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            return message.ExecutionId == checkpoint.ExecutionId;
        }

        if (!checkpoint.IsEnded)
        {
            return false;
        }

        // Restarting an ended instance: the client re-registered it as Pending with the new execution.
        var indexed = await store.GetInstanceAsync(message.InstanceId, cancellationToken).ConfigureAwait(false);
        return indexed is { Instance: { RuntimeStatus: OrchestrationRuntimeStatus.Pending } pending } && pending.ExecutionId == message.ExecutionId;
    }

    private static List<OutboundMessage> Outbound(string instanceId, string executionId, ExecutionStarted started, OrchestrationStepResult result, DateTime now)
    {
        var messages = new List<OutboundMessage>();

        // A timer cancelled in the step that created it, or left by an execution that has ended, is not sent at all.
        foreach (var action in result.Actions.Where(a => a is not CreateTimerAction timer || (result.Completion is null && !result.CancelledTimers.Contains(timer.TaskId))))
        {
            messages.Add(action switch
            {
                ScheduleTaskAction task => new OutboundMessage(QueueKind.Activity,
                    new TaskMessage($"{instanceId}|{executionId}|{task.TaskId}", instanceId, executionId, task.ToHistoryEvent()), now),
                CreateTimerAction timer => new OutboundMessage(QueueKind.Control,
                    new TaskMessage($"{instanceId}|{executionId}|timer{timer.TaskId}", instanceId, executionId, new TimerFired(timer.TaskId, timer.FireAt)), timer.FireAt),
                CreateSubOrchestrationAction sub => SubOrchestrationStart(instanceId, executionId, sub, now),
                _ => throw new InvalidOperationException($"Unknown action {action.GetType().Name}."),
            });
        }

        var completion = result.Completion;
        if (completion is null)
        {
            return messages;
        }

        if (completion.Status == OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            var next = DerivedId(instanceId, executionId, "continue-as-new");
            var restart = new ExecutionStarted(started.Name, null, result.ContinueAsNewInput, next, started.Parent);
            messages.Add(new OutboundMessage(QueueKind.Control, new TaskMessage($"{instanceId}|{next}|start", instanceId, next, restart), now));

            // Carried events are addressed to the instance, as a client's are: one that waits for the new execution to
            // start and finds that one already continued as new then goes to the execution after instead of being dropped.
            messages.AddRange(result.CarriedEvents.Select((e, i) => new OutboundMessage(QueueKind.Control,
                new TaskMessage($"{instanceId}|{next}|carried{i}", instanceId, null, e), now)));
        }
        else if (started.Parent is { } parent)
        {
            HistoryEvent report = completion.Status == OrchestrationRuntimeStatus.Completed
                ? new SubOrchestrationCompleted(parent.TaskId, completion.Result)
                : new SubOrchestrationFailed(parent.TaskId, completion.Failure ?? new TaskFailureDetails("SubOrchestrationTerminated", $"Sub-orchestration '{instanceId}' was {completion.Status}.", null));
            messages.Add(new OutboundMessage(QueueKind.Control,
                new TaskMessage($"{parent.InstanceId}|{parent.ExecutionId}|sub{parent.TaskId}", parent.InstanceId, parent.ExecutionId, report), now));
        }

        return messages;
    }

    private static OutboundMessage SubOrchestrationStart(string instanceId, string executionId, CreateSubOrchestrationAction sub, DateTime now)
    {
        var childExecution = DerivedId(instanceId, executionId, $"sub{sub.TaskId}");
        var started = new ExecutionStarted(sub.Name, sub.Version, sub.Input, childExecution, new ParentInstance(instanceId, executionId, sub.TaskId));
        return new OutboundMessage(QueueKind.Control, new TaskMessage($"{sub.InstanceId}|{childExecution}|start", sub.InstanceId, childExecution, started), now);
    }

    private static OrchestrationMetadata Checkpoint(
        string instanceId,
        OrchestrationMetadata? previous,
        ExecutionStarted started,
        OrchestrationStepResult result,
        List<OutboundMessage> outbound,
        DateTime now,
        bool newExecution)
    {
        var completion = result.Completion;
        var status = completion?.Status ?? (result.Suspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running);
        var executionId = status == OrchestrationRuntimeStatus.ContinuedAsNew
            ? outbound.Select(o => o.Message).First(m => m.Event is ExecutionStarted).ExecutionId!
            : started.ExecutionId;
        var nowOffset = new DateTimeOffset(now, TimeSpan.Zero);
        return new OrchestrationMetadata(
            instanceId,
            started.Name,
            started.Version,
            executionId,
            status,
            previous is null || (newExecution && previous.IsEnded) ? nowOffset : previous.CreatedAt,
            nowOffset,
            started.Input,
            completion?.Result,
            result.CustomStatus,
            completion?.Failure,
            started.Parent?.InstanceId,
            completion is null || status == OrchestrationRuntimeStatus.ContinuedAsNew ? null : nowOffset,
            (previous?.Revision ?? 0) + 1);
    }

    private static bool IndexChanged(OrchestrationMetadata before, OrchestrationMetadata after) =>
        before.RuntimeStatus != after.RuntimeStatus ||
        before.ExecutionId != after.ExecutionId ||
        before.SerializedCustomStatus != after.SerializedCustomStatus ||
        before.Version != after.Version;

    // Messages to one instance's control queue keep their order (an orchestration that starts another and then raises an
    // event to it); everything else goes at once, so the step's next activity is not kept waiting behind its siblings.
    private Task SendAsync(IReadOnlyList<OutboundMessage> outbound, CancellationToken cancellationToken) =>
        Task.WhenAll(outbound
            .GroupBy(m => m.Queue == QueueKind.Control ? "control|" + m.Message.InstanceId : "work|" + m.Message.Id, StringComparer.Ordinal)
            .Select(async inOrder =>
            {
                foreach (var message in inOrder)
                {
                    var receipt = await store.SendAsync(message.Queue, codec.Encode(message.Message), AsUtc(message.VisibleAt), cancellationToken).ConfigureAwait(false);
                    if (message.Message.Event is TimerFired timer)
                    {
                        timers.Sent(message.Message.InstanceId, timer.TaskId, receipt);
                    }
                }
            }));

    // Best effort: a timer left in the queue fires later and is dropped, so a failed delete must not fail the step.
    private async Task DeleteTimersAsync(List<MessageReceipt> cancelled, CancellationToken cancellationToken)
    {
        foreach (var receipt in cancelled)
        {
            try
            {
                await store.DeleteAsync(receipt, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogDebug(e, "A cancelled timer's message {MessageId} could not be deleted; it will be dropped when it fires.", receipt.MessageId);
            }
        }
    }

    private static Dictionary<string, HistoryStep> ConsumedMessages(InstanceHistory? history)
    {
        var consumed = new Dictionary<string, HistoryStep>(StringComparer.Ordinal);
        foreach (var step in history?.Steps ?? [])
        {
            foreach (var id in step.ConsumedMessageIds)
            {
                consumed[id] = step;
            }
        }

        return consumed;
    }

    // History times are UTC whatever their Kind says (an orchestrator may pass an unspecified one to CreateTimer).
    private static DateTimeOffset AsUtc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    // Ids that must come out the same when a step is redone after a crash.
    internal static string DerivedId(string instanceId, string executionId, string purpose) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{instanceId}\n{executionId}\n{purpose}")).AsSpan(0, 16));
}
