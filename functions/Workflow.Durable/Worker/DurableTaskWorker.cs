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
    private readonly IDurableStore _store;
    private readonly DurableTaskOptions _options;
    private readonly TaskMessageCodec _codec;
    private readonly OrchestrationDispatcher _orchestrations;
    private readonly ActivityDispatcher _activities;
    private readonly ILogger _logger;
    private readonly InstanceLocks _locks = new();
    private readonly HistoryCache _cache;

    public DurableTaskWorker(IDurableStore store, DurableTaskRegistry registry, DurableTaskOptions? options = null, ILogger<DurableTaskWorker>? logger = null)
    {
        _store = store;
        _options = options ?? new DurableTaskOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _codec = new TaskMessageCodec(_options.MessageSigningKey);
        _cache = new HistoryCache(_options.HistoryCacheSize);
        _orchestrations = new OrchestrationDispatcher(store, registry, _options, _codec, _cache, new TimerReceipts(), _logger);
        _activities = new ActivityDispatcher(store, registry, _options, _codec, ApplyInlineAsync, _logger);
    }

    /// <summary>Histories currently cached (bounded by <see cref="DurableTaskOptions.HistoryCacheSize"/>).</summary>
    public int CachedHistories => _cache.Count;

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(
            PollAsync(QueueKind.Control, _options.MaxConcurrentOrchestrations, _options.ControlVisibilityTimeout, ProcessControlBatchAsync, cancellationToken),
            PollAsync(QueueKind.Activity, _options.MaxConcurrentActivities, _options.ActivityVisibilityTimeout, ProcessActivityBatchAsync, cancellationToken));

    /// <summary>
    /// Processes one message that something else took from the store's queue (the Azure Functions host's queue trigger)
    /// exactly as a polled one: screened, then one step of its instance or one activity, and deleted by the dispatcher
    /// with the message's pop receipt. Unlike polling, a failure is thrown, so the caller can have the message delivered again.
    /// </summary>
    public async Task ProcessDeliveredAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var screened = await ScreenAsync([message], cancellationToken).ConfigureAwait(false);
        if (screened.Count == 0)
        {
            return;
        }

        if (message.Queue == QueueKind.Activity)
        {
            await ProcessActivityBatchAsync(screened, cancellationToken).ConfigureAwait(false);
            return;
        }

        var instanceId = screened[0].Item2.InstanceId;
        try
        {
            await _locks.RunAsync(instanceId, () => _orchestrations.ProcessAsync(instanceId, screened, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // As after a failed polled step: the cached history may be behind what was committed.
            _cache.Remove(instanceId);
            throw;
        }
    }

    /// <summary>
    /// Takes activity messages as processing slots free up rather than batch by batch, so one slow activity does not hold
    /// back the messages behind it: each received batch keeps its slots until it is done, while the loop receives into the rest.
    /// </summary>
    private async Task PollAsync(
        QueueKind queue,
        int concurrency,
        TimeSpan visibility,
        Func<IReadOnlyList<(ReceivedMessage, TaskMessage)>, CancellationToken, Task> process,
        CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(Math.Max(concurrency, 1));
        var running = new HashSet<Task>();
        var idle = _options.MinPollInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                taken = 1;
                while (taken < 32 && slots.Wait(0, CancellationToken.None))
                {
                    taken++;
                }

                var received = await _store.ReceiveAsync(queue, taken, visibility, cancellationToken).ConfigureAwait(false);
                var drained = received.Count < taken;
                Release(slots, taken - received.Count);
                taken = received.Count;
                if (received.Count > 0)
                {
                    var valid = await ScreenAsync(received, cancellationToken).ConfigureAwait(false);
                    var batch = RunBatchAsync(queue, valid, process, slots, taken, cancellationToken);
                    taken = 0;
                    lock (running)
                    {
                        running.Add(batch);
                    }

                    _ = batch.ContinueWith(done => { lock (running) { running.Remove(done); } }, TaskScheduler.Default);

                    // Control batches one after another: two batches holding messages of one instance would race for its lock,
                    // and events raised in order could be applied out of order (the contract's FIFO test caught it, 1 run in 12).
                    if (queue == QueueKind.Control)
                    {
                        await batch.ConfigureAwait(false);
                    }
                }

                // A receive short of what it asked for (none at all included) emptied the queue: polling again at once would
                // most likely come back empty (half of all receives in the exit benchmark). Back off; a send of this process
                // still wakes the worker at once.
                if (drained)
                {
                    await _store.WaitForMessagesAsync(queue, idle, cancellationToken).ConfigureAwait(false);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _options.MaxPollInterval.Ticks));
                }
                else
                {
                    idle = _options.MinPollInterval;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The taken messages reappear after their visibility timeout; keep serving the rest.
                Release(slots, taken);
                _logger.LogError(e, "Receiving from the {Queue} queue failed; retrying.", queue);
                try
                {
                    await Task.Delay(_options.MaxPollInterval, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        Task[] unfinished;
        lock (running)
        {
            unfinished = [.. running];
        }

        await Task.WhenAll(unfinished).ConfigureAwait(false);
    }

    private async Task RunBatchAsync(
        QueueKind queue,
        List<(ReceivedMessage, TaskMessage)> batch,
        Func<IReadOnlyList<(ReceivedMessage, TaskMessage)>, CancellationToken, Task> process,
        SemaphoreSlim slots,
        int taken,
        CancellationToken cancellationToken)
    {
        try
        {
            await process(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The batch's messages reappear after their visibility timeout.
            _logger.LogError(e, "Processing a batch from the {Queue} queue failed; its messages will be retried.", queue);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: what was not finished is delivered again.
        }
        finally
        {
            Release(slots, taken);
        }
    }

    private static void Release(SemaphoreSlim slots, int count)
    {
        if (count > 0)
        {
            slots.Release(count);
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
        try
        {
            await _locks.RunAsync(instanceId, work, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _cache.Remove(instanceId);
            _logger.LogError(e, "A step of {InstanceId} failed; its messages will be retried.", instanceId);
        }
    }

    /// <summary>
    /// An activity's outcome, applied to its instance if no step of it is running here now (see
    /// <see cref="OrchestrationDispatcher.TryApplyInlineAsync"/>): an activity slot never waits for an instance's lock.
    /// </summary>
    private async Task<bool> ApplyInlineAsync(TaskMessage report, CancellationToken cancellationToken)
    {
        var applied = false;
        return await _locks.TryRunAsync(report.InstanceId, async () => applied = await _orchestrations.TryApplyInlineAsync(report, cancellationToken).ConfigureAwait(false))
            .ConfigureAwait(false) && applied;
    }
}
