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
    TaskMessageCodec codec,
    HistoryCache cache,
    ILogger logger)
{
    private static readonly TimeSpan RetrySoon = TimeSpan.FromMilliseconds(200);

    public async Task ProcessAsync(string instanceId, IReadOnlyList<(ReceivedMessage Raw, TaskMessage Message)> batch, CancellationToken cancellationToken)
    {
        var history = cache.Get(instanceId) ?? await store.LoadHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var now = store.Time.GetUtcNow().UtcDateTime;
        var consumedBy = ConsumedMessages(history);
        var done = new List<ReceivedMessage>();
        var apply = new List<(ReceivedMessage Raw, TaskMessage Message)>();
        ExecutionStarted? start = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (raw, message) in batch)
        {
            if (!seen.Add(message.Id))
            {
                // The same message twice in one batch (an event raised with one id by several callers).
                done.Add(raw);
            }
            else if (consumedBy.TryGetValue(message.Id, out var step))
            {
                // Redelivered after a crash that followed the commit: finish what that step began.
                await SendAsync(step.Outbound, now, cancellationToken).ConfigureAwait(false);
                await store.UpsertInstanceAsync(history!.Checkpoint, cancellationToken).ConfigureAwait(false);
                done.Add(raw);
            }
            else if (message.Event is TimerFired timer && timer.FireAt > now)
            {
                // A timer longer than the queue's maximum delay surfaced early: put it back for the rest.
                await store.SendAsync(QueueKind.Control, raw.Body, Min(timer.FireAt - now, store.MaxMessageDelay), cancellationToken).ConfigureAwait(false);
                done.Add(raw);
            }
            else if (message.Event is ExecutionStarted started)
            {
                if (start is null && await AcceptsStartAsync(history, message, cancellationToken).ConfigureAwait(false))
                {
                    start = started;
                    apply.Add((raw, message));
                }
                else
                {
                    logger.LogInformation("Dropped a start of {InstanceId} execution {ExecutionId}: the instance is not waiting for it.", instanceId, message.ExecutionId);
                    done.Add(raw);
                }
            }
            else if (history is null || history.Checkpoint.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.ContinuedAsNew)
            {
                if (history is null && await store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is null)
                {
                    logger.LogWarning("Dropped {Event} for {InstanceId}: no such instance.", message.Event.GetType().Name, instanceId);
                    done.Add(raw);
                }
                else
                {
                    // The execution's start has not been processed yet; try again shortly.
                    await store.AbandonAsync(raw, RetrySoon, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (history.Checkpoint.IsEnded)
            {
                logger.LogWarning("Dropped {Event} for {InstanceId}: the instance has ended ({Status}).", message.Event.GetType().Name, instanceId, history.Checkpoint.RuntimeStatus);
                done.Add(raw);
            }
            else if (message.ExecutionId is not null && message.ExecutionId != history.Checkpoint.ExecutionId)
            {
                logger.LogInformation("Dropped {Event} for {InstanceId}: it belongs to an earlier execution.", message.Event.GetType().Name, instanceId);
                done.Add(raw);
            }
            else
            {
                apply.Add((raw, message));
            }
        }

        if (apply.Count > 0)
        {
            var committed = await RunStepAsync(instanceId, history, start, apply, now, cancellationToken).ConfigureAwait(false);
            if (!committed)
            {
                return;
            }

            done.AddRange(apply.Select(a => a.Raw));
        }

        foreach (var raw in done)
        {
            await store.DeleteAsync(raw, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> RunStepAsync(
        string instanceId,
        InstanceHistory? history,
        ExecutionStarted? start,
        List<(ReceivedMessage Raw, TaskMessage Message)> apply,
        DateTime now,
        CancellationToken cancellationToken)
    {
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
            cache.Remove(instanceId);
            foreach (var (raw, _) in apply)
            {
                await store.AbandonAsync(raw, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            }

            return false;
        }

        cache.Set(instanceId, new InstanceHistory(etag, checkpoint, [.. steps, step]));
        await SendAsync(outbound, now, cancellationToken).ConfigureAwait(false);
        if (previous is null || IndexChanged(previous, checkpoint))
        {
            await store.UpsertInstanceAsync(checkpoint, cancellationToken).ConfigureAwait(false);
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
        foreach (var action in result.Actions)
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
            messages.AddRange(result.CarriedEvents.Select((e, i) => new OutboundMessage(QueueKind.Control,
                new TaskMessage($"{instanceId}|{next}|carried{i}", instanceId, next, e), now)));
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
            completion is null || status == OrchestrationRuntimeStatus.ContinuedAsNew ? null : nowOffset);
    }

    private static bool IndexChanged(OrchestrationMetadata before, OrchestrationMetadata after) =>
        before.RuntimeStatus != after.RuntimeStatus ||
        before.ExecutionId != after.ExecutionId ||
        before.SerializedCustomStatus != after.SerializedCustomStatus ||
        before.Version != after.Version;

    private async Task SendAsync(IReadOnlyList<OutboundMessage> outbound, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var message in outbound)
        {
            var delay = message.VisibleAt > now ? Min(message.VisibleAt - now, store.MaxMessageDelay) : TimeSpan.Zero;
            await store.SendAsync(message.Queue, codec.Encode(message.Message), delay, cancellationToken).ConfigureAwait(false);
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

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    // Ids that must come out the same when a step is redone after a crash.
    internal static string DerivedId(string instanceId, string executionId, string purpose) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{instanceId}\n{executionId}\n{purpose}")).AsSpan(0, 16));
}
