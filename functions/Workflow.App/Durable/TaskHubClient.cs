using System.Globalization;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreFailureDetails = DurableTask.Core.FailureDetails;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using CoreStatus = DurableTask.Core.OrchestrationStatus;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;
using TaskFailureDetails = Microsoft.DurableTask.TaskFailureDetails;

namespace Workflow.App.Durable;

/// <summary>
/// The Durable Task SDK's client over DTFx's Azure Storage provider, which the standalone host runs in process. On Azure
/// the isolated worker's Durable Functions binding hands the app a client of its own; the app sees the same
/// <see cref="DurableTaskClient"/> either way. Replace with Microsoft.DurableTask.Client.OrchestrationServiceClientShim
/// once that package is served: it is this adapter, maintained by the SDK's authors.
/// </summary>
public sealed class TaskHubClient(AzureStorageOrchestrationService service, DataConverter converter, IEnumerable<DurableTaskRegistration> registrations)
    : DurableTaskClient("workflow")
{
    private static readonly CoreStatus[] Running = [CoreStatus.Pending, CoreStatus.Running, CoreStatus.Suspended];

    // HistoryEvent.KnownTypes() lists every concrete event; each is named for its EventType, with "Event" after it but for GenericEvent.
    private static readonly Dictionary<string, Type> HistoryEventTypes = HistoryEvent.KnownTypes().ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>
    /// Starts an instance. An id that is pending, running or suspended is refused with
    /// DTFx's <see cref="global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException"/> (the SDK's shim would terminate it instead: a county's case
    /// must never be restarted by a repeated start); an ended one is started afresh. Without a version it starts on the
    /// newest registered one.
    /// </summary>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var instance = new OrchestrationInstance
        {
            InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        var message = new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, converter.Serialize(input))
            {
                Name = orchestratorName.Name,
                Version = options?.Version?.Version ?? DurableTaskRegistration.NewestVersion(registrations, orchestratorName.Name),
                OrchestrationInstance = instance,
                ScheduledStartTime = options?.StartAt?.UtcDateTime,
                Tags = new Dictionary<string, string>(options?.Tags ?? new Dictionary<string, string>()),
            },
        };
        await service.CreateIfNotExistsAsync().ConfigureAwait(false);
        await service.CreateTaskOrchestrationAsync(message, Running).ConfigureAwait(false);
        return instance.InstanceId;
    }

    /// <summary>
    /// Raises an event. The engine delivers it as often as it is raised: each orchestration ignores one it has applied
    /// already or that is not for the step it waits on.
    /// </summary>
    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new EventRaisedEvent(-1, converter.Serialize(eventPayload)) { Name = eventName }, cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return service.ForceTerminateTaskOrchestrationAsync(instanceId, converter.Serialize(options?.Output));
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: getInputsAndOutputs).ConfigureAwait(false);
        return states is { Count: > 0 } ? ToMetadata(states[0], getInputsAndOutputs) : null;
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(Microsoft.DurableTask.Client.OrchestrationQuery? filter = null) =>
        Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var query = new CoreQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(ToCore).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                PageSize = pageSize ?? filter?.PageSize ?? Microsoft.DurableTask.Client.OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await ((IOrchestrationServiceQueryClient)service).GetOrchestrationWithQueryAsync(query, cancellation).ConfigureAwait(false);
            return new Page<OrchestrationMetadata>(
                result.OrchestrationState.Select(s => ToMetadata(s, query.FetchInputsAndOutputs)).ToList(), result.ContinuationToken);
        });

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            var instance = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false);
            if (instance is { RuntimeStatus: not OrchestrationRuntimeStatus.Pending })
            {
                return instance;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellation).ConfigureAwait(false);
        }
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            var instance = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false);
            if (instance is { IsCompleted: true })
            {
                return instance;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellation).ConfigureAwait(false);
        }
    }

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var instance = await GetInstancesAsync(instanceId, cancellation: cancellation).ConfigureAwait(false);
        if (instance is null)
        {
            return new PurgeResult(0);
        }

        if (!instance.IsCompleted)
        {
            throw new InvalidOperationException($"Instance {instanceId} is {instance.RuntimeStatus}; only an ended instance can be purged.");
        }

        var result = await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(instanceId).ConfigureAwait(false);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellation.ThrowIfCancellationRequested();
        var coreFilter = new PurgeInstanceFilter(filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, filter.Statuses?.Select(ToCore));
        var result = await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(coreFilter).ConfigureAwait(false);
        return new PurgeResult(result.DeletedInstanceCount);
    }

    /// <summary>The current execution's history, oldest first, as DTFx records it: for diagnostics and tests, not for the app's logic.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryEventsAsync(string instanceId, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var json = await service.GetOrchestrationHistoryAsync(instanceId, executionId: null).ConfigureAwait(false);
        // DTFx writes the events with Newtonsoft's defaults: no $type, only each event's EventType number, so the
        // concrete class is chosen from that.
        return Newtonsoft.Json.Linq.JArray.Parse(json)
            .Select(e => (HistoryEvent)e.ToObject(HistoryEventType(e.Value<int>(nameof(HistoryEvent.EventType))))!)
            .ToList();
    }

    private static Type HistoryEventType(int eventType)
    {
        var name = ((EventType)eventType).ToString();
        return HistoryEventTypes.GetValueOrDefault(name + "Event") ?? HistoryEventTypes.GetValueOrDefault(name)
            ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"DTFx history event type {eventType} is unknown."));
    }

    public override ValueTask DisposeAsync() => default;

    /// <summary>
    /// 重试: a failed instance runs again from where it failed, its failed activities retried and everything it had
    /// received (decisions included) kept, which a restart from the start would lose.
    /// </summary>
    public override async Task RewindInstanceAsync(string instanceId, string reason, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        await service.RewindTaskOrchestrationAsync(instanceId, reason).ConfigureAwait(false);
    }

    // The hub is created at start in the background; a request that comes first creates it (DTFx does it once per process).
    private async Task SendAsync(string instanceId, HistoryEvent @event, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        await service.CreateIfNotExistsAsync().ConfigureAwait(false);
        await service.SendTaskOrchestrationMessageAsync(new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId }, Event = @event }).ConfigureAwait(false);
    }

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool withPayloads) => new(state.Name, state.OrchestrationInstance.InstanceId)
    {
        DataConverter = withPayloads ? converter : null,
        RuntimeStatus = FromCore(state.OrchestrationStatus),
        CreatedAt = DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc),
        LastUpdatedAt = DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc),
        SerializedInput = state.Input,
        SerializedOutput = state.Output,
        SerializedCustomStatus = state.Status,
        FailureDetails = FromCore(state.FailureDetails) ?? FailureFromOutput(state),
    };

    // The Azure Storage provider keeps a failure only as "{type}: {message}" in the instance's output.
    private static TaskFailureDetails? FailureFromOutput(OrchestrationState state)
    {
        if (state.OrchestrationStatus != CoreStatus.Failed || string.IsNullOrEmpty(state.Output))
        {
            return null;
        }

        var colon = state.Output.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0
            ? new TaskFailureDetails(state.Output[..colon], state.Output[(colon + 2)..], null, null, null)
            : new TaskFailureDetails("Unknown", state.Output, null, null, null);
    }

    private static TaskFailureDetails? FromCore(CoreFailureDetails? details) => details is null
        ? null
        : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, FromCore(details.InnerFailure), null);

    // OrchestrationRuntimeStatus keeps DTFx's numbers (Canceled is unused): a straight cast, named here so a change shows.
    private static OrchestrationRuntimeStatus FromCore(CoreStatus status) => status switch
    {
        CoreStatus.Running => OrchestrationRuntimeStatus.Running,
        CoreStatus.Completed => OrchestrationRuntimeStatus.Completed,
#pragma warning disable CS0618 // DTFx still reports it for an execution that continued as new.
        CoreStatus.ContinuedAsNew => OrchestrationRuntimeStatus.ContinuedAsNew,
#pragma warning restore CS0618
        CoreStatus.Failed => OrchestrationRuntimeStatus.Failed,
        CoreStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        CoreStatus.Pending => OrchestrationRuntimeStatus.Pending,
        CoreStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, string.Create(CultureInfo.InvariantCulture, $"Unknown DTFx status {status}")),
    };

    private static CoreStatus ToCore(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Running => CoreStatus.Running,
        OrchestrationRuntimeStatus.Completed => CoreStatus.Completed,
#pragma warning disable CS0618
        OrchestrationRuntimeStatus.ContinuedAsNew => CoreStatus.ContinuedAsNew,
#pragma warning restore CS0618
        OrchestrationRuntimeStatus.Failed => CoreStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => CoreStatus.Terminated,
        OrchestrationRuntimeStatus.Pending => CoreStatus.Pending,
        OrchestrationRuntimeStatus.Suspended => CoreStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "No DTFx status"),
    };
}
