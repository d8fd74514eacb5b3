using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Workflow.Durable;

/// <summary>
/// Pulls orchestration and activity work from the store's queues until stopped. Several workers (threads
/// or processes) can share one store: messages of one instance are processed one step at a time in a
/// process, and the history's ETag settles races between processes.
/// </summary>
public sealed class DurableTaskWorker
{
    private const int StripeCount = 64;

    private readonly IDurableStore _store;
    private readonly DurableTaskOptions _options;
    private readonly TaskMessageCodec _codec;
    private readonly OrchestrationDispatcher _orchestrations;
    private readonly ActivityDispatcher _activities;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim[] _instanceStripes = Enumerable.Range(0, StripeCount).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly HistoryCache _cache;

    public DurableTaskWorker(IDurableStore store, DurableTaskRegistry registry, DurableTaskOptions? options = null, ILogger<DurableTaskWorker>? logger = null)
    {
        _store = store;
        _options = options ?? new DurableTaskOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _codec = new TaskMessageCodec(_options.MessageSigningKey);
        _cache = new HistoryCache(_options.HistoryCacheSize);
        _orchestrations = new OrchestrationDispatcher(store, registry, _options, _codec, _cache, new TimerReceipts(), _logger);
        _activities = new ActivityDispatcher(store, registry, _options, _codec, _logger);
    }

    /// <summary>Histories currently cached (bounded by <see cref="DurableTaskOptions.HistoryCacheSize"/>).</summary>
    public int CachedHistories => _cache.Count;

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(
            PollAsync(QueueKind.Control, _options.MaxConcurrentOrchestrations, _options.ControlVisibilityTimeout, ProcessControlBatchAsync, cancellationToken),
            PollAsync(QueueKind.Activity, _options.MaxConcurrentActivities, _options.ActivityVisibilityTimeout, ProcessActivityBatchAsync, cancellationToken));

    private async Task PollAsync(
        QueueKind queue,
        int batchSize,
        TimeSpan visibility,
        Func<IReadOnlyList<(ReceivedMessage, TaskMessage)>, CancellationToken, Task> process,
        CancellationToken cancellationToken)
    {
        var idle = _options.MinPollInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var received = await _store.ReceiveAsync(queue, Math.Clamp(batchSize, 1, 32), visibility, cancellationToken).ConfigureAwait(false);
                var valid = await ScreenAsync(received, cancellationToken).ConfigureAwait(false);
                if (received.Count == 0)
                {
                    await _store.WaitForMessagesAsync(queue, idle, cancellationToken).ConfigureAwait(false);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _options.MaxPollInterval.Ticks));
                    continue;
                }

                idle = _options.MinPollInterval;
                await process(valid, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The taken messages reappear after their visibility timeout; keep serving the rest.
                _logger.LogError(e, "Processing the {Queue} queue failed; retrying.", queue);
                await Task.Delay(_options.MaxPollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Decodes each message and quarantines what cannot be trusted. Delivery counts are judged later, by the
    /// dispatchers, because a message already applied before a crash must finish its recovery however often it came.
    /// </summary>
    private async Task<List<(ReceivedMessage, TaskMessage)>> ScreenAsync(IReadOnlyList<ReceivedMessage> received, CancellationToken cancellationToken)
    {
        var valid = new List<(ReceivedMessage, TaskMessage)>(received.Count);
        foreach (var raw in received)
        {
            try
            {
                valid.Add((raw, _codec.Decode(raw.Body)));
            }
            catch (InvalidDataException e)
            {
                _logger.LogWarning("Quarantined message {MessageId} from the {Queue} queue: {Reason}", raw.MessageId, raw.Queue, e.Message);
                await _store.QuarantineAsync(raw, e.Message, cancellationToken).ConfigureAwait(false);
            }
        }

        return valid;
    }

    private Task ProcessControlBatchAsync(IReadOnlyList<(ReceivedMessage Raw, TaskMessage Message)> batch, CancellationToken cancellationToken) =>
        Task.WhenAll(batch
            .GroupBy(m => m.Message.InstanceId, StringComparer.Ordinal)
            .Select(group => WithInstanceLockAsync(group.Key, () =>
                _orchestrations.ProcessAsync(group.Key, group.ToList(), cancellationToken))));

    private Task ProcessActivityBatchAsync(IReadOnlyList<(ReceivedMessage Raw, TaskMessage Message)> batch, CancellationToken cancellationToken) =>
        Task.WhenAll(batch.Select(m => _activities.ProcessAsync(m.Raw, m.Message, cancellationToken)));

    private async Task WithInstanceLockAsync(string instanceId, Func<Task> work)
    {
        var stripe = _instanceStripes[(int)((uint)StringComparer.Ordinal.GetHashCode(instanceId) % StripeCount)];
        await stripe.WaitAsync().ConfigureAwait(false);
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _cache.Remove(instanceId);
            _logger.LogError(e, "A step of {InstanceId} failed; its messages will be retried.", instanceId);
        }
        finally
        {
            stripe.Release();
        }
    }
}
