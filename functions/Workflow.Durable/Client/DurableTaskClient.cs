using System.Text;
using Workflow.Storage;

namespace Workflow.Durable;

/// <summary>Starts, signals, inspects and cleans up orchestration instances of one task hub.</summary>
public sealed class DurableTaskClient
{
    private readonly IDurableStore _store;
    private readonly DurableTaskOptions _options;
    private readonly TaskMessageCodec _codec;

    public DurableTaskClient(IDurableStore store, DurableTaskOptions? options = null)
    {
        _store = store;
        _options = options ?? new DurableTaskOptions();
        _codec = new TaskMessageCodec(_options.MessageSigningKey);
    }

    /// <summary>
    /// Starts an instance and returns its id. Starting an id that exists is idempotent while it is still pending,
    /// restarts it when it has ended and <see cref="StartOrchestrationOptions.RestartIfEnded"/> is set, and
    /// otherwise throws <see cref="OrchestrationAlreadyExistsException"/>.
    /// </summary>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var instanceId = StorageNames.ValidateEntityKey(options?.InstanceId ?? Guid.NewGuid().ToString("N"), "instanceId");
        var serialized = CheckedPayload(input, "input");
        var now = _store.Time.GetUtcNow();
        var pending = new OrchestrationMetadata(
            instanceId, orchestratorName, options?.Version, Guid.NewGuid().ToString("N"), OrchestrationRuntimeStatus.Pending, now, now, serialized);

        if (!await _store.TryAddInstanceAsync(pending, cancellationToken).ConfigureAwait(false))
        {
            var (existing, etag) = await _store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
                                   ?? throw new OrchestrationAlreadyExistsException(instanceId, OrchestrationRuntimeStatus.Pending);
            if (existing.RuntimeStatus == OrchestrationRuntimeStatus.Pending && existing.Name == orchestratorName)
            {
                // A retried start whose first attempt may not have sent its message: send it (again); duplicates are dropped.
                pending = existing;
            }
            else if (existing.IsEnded && options?.RestartIfEnded == true)
            {
                // The new execution's first checkpoint is one revision later, so it replaces this entry.
                pending = pending with { Revision = existing.Revision };
                if (!await _store.TryReplaceInstanceAsync(pending, etag, cancellationToken).ConfigureAwait(false))
                {
                    throw new OrchestrationAlreadyExistsException(instanceId, OrchestrationRuntimeStatus.Pending);
                }
            }
            else
            {
                throw new OrchestrationAlreadyExistsException(instanceId, existing.RuntimeStatus);
            }
        }

        var started = new ExecutionStarted(pending.Name, pending.Version, pending.SerializedInput, pending.ExecutionId);
        var message = new TaskMessage($"{instanceId}|{pending.ExecutionId}|start", instanceId, pending.ExecutionId, started);
        await _store.SendAsync(QueueKind.Control, _codec.Encode(message), options?.StartAt, cancellationToken).ConfigureAwait(false);
        return instanceId;
    }

    /// <summary>
    /// Raises an event. Give <paramref name="eventId"/> to make raising idempotent: however often the same id
    /// is raised, the orchestration receives it once.
    /// </summary>
    public Task RaiseEventAsync(string instanceId, string eventName, object? eventData = null, string? eventId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var id = eventId is null ? Guid.NewGuid().ToString("N") : $"{instanceId}|event|{eventId}";
        return SendControlAsync(new TaskMessage(id, instanceId, null, new EventRaised(eventName, CheckedPayload(eventData, "eventData"))), cancellationToken);
    }

    public Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendControlAsync(new TaskMessage(Guid.NewGuid().ToString("N"), instanceId, null, new ExecutionTerminated(reason)), cancellationToken);

    public Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendControlAsync(new TaskMessage(Guid.NewGuid().ToString("N"), instanceId, null, new ExecutionSuspended(reason)), cancellationToken);

    public Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendControlAsync(new TaskMessage(Guid.NewGuid().ToString("N"), instanceId, null, new ExecutionResumed(reason)), cancellationToken);

    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        (await _store.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false))?.Instance;

    /// <summary>The current execution's history, oldest first.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default) =>
        (await _store.LoadHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false))?.Events.ToList() ?? [];

    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        _store.QueryInstancesAsync(query, continuationToken, cancellationToken);

    /// <summary>Polls until the instance has ended (Completed, Failed or Terminated).</summary>
    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var instance = await GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (instance is { IsEnded: true })
            {
                return instance;
            }

            await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes an ended instance and its history; false when it does not exist or has not ended.</summary>
    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var instance = await GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (instance is not { IsEnded: true })
        {
            return false;
        }

        await _store.DeleteHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false);
        await _store.DeleteInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Purges every instance that ended before <paramref name="endedBefore"/>; returns how many.</summary>
    public async Task<int> PurgeInstancesAsync(DateTimeOffset endedBefore, CancellationToken cancellationToken = default)
    {
        var ended = new InstanceQuery(Statuses: [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated]);
        var purged = 0;
        string? continuation = null;
        do
        {
            var page = await _store.QueryInstancesAsync(ended, continuation, cancellationToken).ConfigureAwait(false);
            foreach (var instance in page.Instances.Where(i => (i.CompletedAt ?? i.LastUpdatedAt) < endedBefore))
            {
                purged += await PurgeInstanceAsync(instance.InstanceId, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        return purged;
    }

    public Task<IReadOnlyList<QuarantinedMessage>> ListQuarantinedMessagesAsync(CancellationToken cancellationToken = default) =>
        _store.ListQuarantineAsync(cancellationToken);

    /// <summary>Puts a quarantined message back on its queue, e.g. after deploying a fix for what made it fail.</summary>
    public Task<bool> RedriveQuarantinedMessageAsync(string quarantineId, CancellationToken cancellationToken = default) =>
        _store.RedriveAsync(quarantineId, cancellationToken);

    private Task<MessageReceipt> SendControlAsync(TaskMessage message, CancellationToken cancellationToken) =>
        _store.SendAsync(QueueKind.Control, _codec.Encode(message), null, cancellationToken);

    private string? CheckedPayload(object? value, string what)
    {
        var json = DurableJson.Serialize(value);
        var bytes = json is null ? 0 : Encoding.UTF8.GetByteCount(json);
        return bytes <= _options.MaxPayloadBytes
            ? json
            : throw new ArgumentException($"The {what} is {bytes} bytes as JSON; the limit is {_options.MaxPayloadBytes} bytes (DurableTaskOptions.MaxPayloadBytes).", what);
    }
}
