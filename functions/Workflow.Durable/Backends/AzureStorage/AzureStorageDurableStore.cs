using System.Globalization;
using System.Text.Json;
using Azure;
using Workflow.Storage;
using Workflow.Storage.Blobs;
using Workflow.Storage.Queues;
using Workflow.Storage.Tables;

namespace Workflow.Durable;

/// <summary>
/// A task hub in an Azure Storage account (Azurite locally):
/// <list type="bullet">
/// <item>{hub}History — per instance (PartitionKey = instance id) a checkpoint row and one row per step; a step
/// is committed together with the checkpoint in one entity group transaction, guarded by the checkpoint's ETag.</item>
/// <item>{hub}Instances — the queryable index, one row per instance with typed columns.</item>
/// <item>{hub}Timers — messages delayed beyond the queued-timer horizon, until they are nearly due (<see cref="TimerTable"/>).</item>
/// <item>{hub}-control and {hub}-workitems queues; {hub}Quarantine for poison messages.</item>
/// <item>{hub}-payloads container — text too large for a table property or a queue message.</item>
/// </list>
/// </summary>
public sealed class AzureStorageDurableStore : IDurableStore
{
    private const string CheckpointRowKey = "checkpoint";
    private const string QuarantinePartition = "quarantine";

    // A queue message is 64 KiB after Base64 (4/3); leave room for the XML envelope.
    private const int MaxInlineMessageBytes = 45_000;

    private readonly TableClient _history;
    private readonly TableClient _instances;
    private readonly TableClient _quarantine;
    private readonly QueueClient _control;
    private readonly QueueClient _activities;
    private readonly LargePayloads _payloads;
    private readonly TimerTable _timers;
    private readonly QueueWakeups _wakeups = new(TimeProvider.System);
    private readonly InstanceIndexETags _indexETags = new(10_000);
    private readonly TimeSpan _timerHorizon;
    private readonly TimeSpan _timerReleaseInterval;
    private long _nextTimerRelease;
    private int _releasingTimers;

    public AzureStorageDurableStore(StorageAccount account, AzureStorageDurableOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        options ??= new AzureStorageDurableOptions();
        var hub = StorageNames.ValidateTableName(options.TaskHubName);
        _history = account.GetTableClient($"{hub}History");
        _instances = account.GetTableClient($"{hub}Instances");
        _quarantine = account.GetTableClient($"{hub}Quarantine");
        _control = account.GetQueueClient($"{hub.ToLowerInvariant()}-control");
        _activities = account.GetQueueClient($"{hub.ToLowerInvariant()}-workitems");
        _payloads = new LargePayloads(account.GetBlobContainerClient($"{hub.ToLowerInvariant()}-payloads"));
        _timers = new TimerTable(account.GetTableClient($"{hub}Timers"), _payloads, Time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.QueuedTimerHorizon, options.TimerReleaseInterval);
        _timerHorizon = options.QueuedTimerHorizon;
        _timerReleaseInterval = options.TimerReleaseInterval;
        MaxMessageDelay = options.MaxMessageDelay;
    }

    public TimeProvider Time => TimeProvider.System;

    public TimeSpan MaxMessageDelay { get; }

    /// <summary>Creates the hub's tables, queues and container if they do not exist yet.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        await _history.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await _instances.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await _quarantine.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await _timers.Table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await _control.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await _activities.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await _payloads.Container.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<InstanceHistory?> LoadHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        TableEntity? checkpoint = null;
        var rows = new List<TableEntity>();
        await foreach (var row in _history.QueryAsync(TableFilter.Equal("PartitionKey", instanceId), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == CheckpointRowKey)
            {
                checkpoint = row;
            }
            else
            {
                rows.Add(row);
            }
        }

        if (checkpoint is null)
        {
            return null;
        }

        // The steps of the execution that wrote last; rows of earlier executions wait for pruning.
        var execution = checkpoint.GetString("StepsExecutionId");
        var steps = new List<HistoryStep>();
        foreach (var row in rows.Where(r => r.GetString("ExecutionId") == execution).OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            steps.Add(JsonSerializer.Deserialize<HistoryStep>(await _payloads.LoadAsync(row.GetString("Step")!, cancellationToken).ConfigureAwait(false), DurableJson.Options)!);
        }

        var metadata = JsonSerializer.Deserialize<OrchestrationMetadata>(
            await _payloads.LoadAsync(checkpoint.GetString("Checkpoint")!, cancellationToken).ConfigureAwait(false), DurableJson.Options)!;
        return new InstanceHistory(checkpoint.ETag.ToString(), metadata, steps);
    }

    public async Task<string> CommitStepAsync(string instanceId, string? expectedETag, OrchestrationMetadata checkpoint, HistoryStep appended, CancellationToken cancellationToken)
    {
        var prefix = $"history/{instanceId}/{appended.ExecutionId}";
        var checkpointRow = new TableEntity(instanceId, CheckpointRowKey)
        {
            ["Checkpoint"] = await _payloads.StoreAsync(JsonSerializer.Serialize(checkpoint, DurableJson.Options), InstanceRow.MaxInlineBytes, prefix, cancellationToken).ConfigureAwait(false),
            ["StepsExecutionId"] = appended.ExecutionId,
        };
        var stepRow = new TableEntity(instanceId, $"{appended.ExecutionId}|{appended.Sequence.ToString("D8", CultureInfo.InvariantCulture)}")
        {
            ["ExecutionId"] = appended.ExecutionId,
            ["Step"] = await _payloads.StoreAsync(JsonSerializer.Serialize(appended, DurableJson.Options), InstanceRow.MaxInlineBytes, prefix, cancellationToken).ConfigureAwait(false),
        };

        TableTransactionAction[] actions =
        [
            expectedETag is null
                ? new TableTransactionAction(TableTransactionActionType.Add, checkpointRow)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, checkpointRow, new ETag(expectedETag)),
            new TableTransactionAction(TableTransactionActionType.Add, stepRow),
        ];
        try
        {
            var responses = await _history.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return responses.Value[0].Headers.ETag?.ToString()
                   ?? throw new InvalidOperationException("The checkpoint write returned no ETag.");
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw new DurableConcurrencyException(instanceId);
        }
    }

    public async Task PruneHistoryAsync(string instanceId, string currentExecutionId, CancellationToken cancellationToken)
    {
        var stale = new List<TableEntity>();
        await foreach (var row in _history.QueryAsync(TableFilter.Equal("PartitionKey", instanceId).And(TableFilter.NotEqual("RowKey", CheckpointRowKey)), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("ExecutionId") != currentExecutionId)
            {
                stale.Add(row);
            }
        }

        await DeleteRowsAsync(_history, stale, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _history.QueryAsync(TableFilter.Equal("PartitionKey", instanceId), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        await DeleteRowsAsync(_history, rows, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryAddInstanceAsync(OrchestrationMetadata instance, CancellationToken cancellationToken)
    {
        try
        {
            var added = await _instances.AddEntityAsync(await InstanceRow.ToEntityAsync(instance, _payloads, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            _indexETags.Wrote(instance, added.Headers.ETag ?? default);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<(OrchestrationMetadata Instance, string ETag)?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var entity = await _instances.GetEntityIfExistsAsync(instanceId, InstanceRow.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : (await InstanceRow.FromEntityAsync(entity, _payloads, cancellationToken).ConfigureAwait(false), entity.ETag.ToString());
    }

    public async Task<bool> TryReplaceInstanceAsync(OrchestrationMetadata instance, string etag, CancellationToken cancellationToken)
    {
        try
        {
            var entity = await InstanceRow.ToEntityAsync(instance, _payloads, cancellationToken).ConfigureAwait(false);
            var replaced = await _instances.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            _indexETags.Wrote(instance, replaced.Headers.ETag ?? default);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    public async Task WriteInstanceIfNewerAsync(OrchestrationMetadata instance, CancellationToken cancellationToken)
    {
        var entity = await InstanceRow.ToEntityAsync(instance, _payloads, cancellationToken).ConfigureAwait(false);
        if (_indexETags.TryGet(instance.InstanceId, out var known) && known.Revision < instance.Revision)
        {
            try
            {
                var replaced = await _instances.UpdateEntityAsync(entity, known.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                _indexETags.Wrote(instance, replaced.Headers.ETag ?? default);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Written or deleted by someone else since: compare with what is there now.
                _indexETags.Forget(instance.InstanceId);
            }
        }

        while (true)
        {
            var current = await _instances.GetEntityIfExistsAsync(instance.InstanceId, InstanceRow.RowKey, ["Revision"], cancellationToken).ConfigureAwait(false);
            if (current is not null && (current.GetInt64("Revision") ?? 0) >= instance.Revision)
            {
                return;
            }

            try
            {
                var written = current is null
                    ? await _instances.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                    : await _instances.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                _indexETags.Wrote(instance, written.Headers.ETag ?? default);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Someone wrote the entry between the read and the write: read again and compare.
            }
        }
    }

    public async Task<InstancePage> QueryInstancesAsync(InstanceQuery query, string? continuationToken, CancellationToken cancellationToken)
    {
        var filter = TableFilter.Equal("RowKey", InstanceRow.RowKey);
        if (query.Name is not null)
        {
            filter = filter.And(TableFilter.Equal("Name", query.Name));
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            filter = filter.And(statuses.Select(s => TableFilter.Equal("RuntimeStatus", s.ToString())).Aggregate((a, b) => a.Or(b)));
        }

        if (query.CreatedFrom is { } from)
        {
            filter = filter.And(TableFilter.GreaterThanOrEqual("CreatedAt", from));
        }

        if (query.CreatedTo is { } to)
        {
            filter = filter.And(TableFilter.LessThan("CreatedAt", to));
        }

        if (query.CustomStatusPrefix is { Length: > 0 } prefix)
        {
            // Strings starting with the prefix sort from the prefix up to, not including, the prefix with its last character bumped.
            var upper = prefix[..^1] + (char)(prefix[^1] + 1);
            filter = filter.And(TableFilter.GreaterThanOrEqual("CustomStatus", prefix)).And(TableFilter.LessThan("CustomStatus", upper));
        }

        await foreach (var page in _instances.QueryAsync(filter, query.PageSize, cancellationToken: cancellationToken).AsPages(continuationToken).ConfigureAwait(false))
        {
            var instances = new List<OrchestrationMetadata>(page.Values.Count);
            foreach (var entity in page.Values)
            {
                instances.Add(await InstanceRow.FromEntityAsync(entity, _payloads, cancellationToken).ConfigureAwait(false));
            }

            return new InstancePage(instances, page.ContinuationToken);
        }

        return new InstancePage([], null);
    }

    public async Task DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        _indexETags.Forget(instanceId);
        await _instances.DeleteEntityAsync(instanceId, InstanceRow.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<MessageReceipt> SendAsync(QueueKind queue, string body, DateTimeOffset? visibleAt, CancellationToken cancellationToken)
    {
        // The queue counts a delay from when it receives the message; read the clock as late as possible.
        var now = Time.GetUtcNow();
        var delay = MessageDelay.Until(visibleAt, now, MaxMessageDelay);
        if (delay > _timerHorizon)
        {
            return await _timers.AddAsync(queue, body, now + delay, cancellationToken).ConfigureAwait(false);
        }

        return await SendToQueueAsync(queue, body, delay, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the timers due within the horizon from the timer table to their queues; the number sent. A standalone worker
    /// calls it through <see cref="ReceiveAsync"/>; under the Functions host, whose triggers receive instead, a timer trigger does.
    /// </summary>
    public Task<int> ReleaseDueTimersAsync(CancellationToken cancellationToken) =>
        _timers.ReleaseDueAsync(_timerHorizon, async (queue, body, delay, ct) => await SendToQueueAsync(queue, body, delay, ct).ConfigureAwait(false), cancellationToken);

    private async Task<MessageReceipt> SendToQueueAsync(QueueKind queue, string body, TimeSpan delay, CancellationToken cancellationToken)
    {
        var text = await _payloads.StoreAsync(body, MaxInlineMessageBytes, "messages", cancellationToken).ConfigureAwait(false);
        // Timers can wait longer than a message's default 7-day life: messages never expire here.
        var sent = (await Queue(queue).SendMessageAsync(text, Ceiling(delay), QueueClient.MessageNeverExpires, cancellationToken).ConfigureAwait(false)).Value;
        _wakeups.Sent(queue, Ceiling(delay));
        return new MessageReceipt(queue, sent.MessageId, sent.PopReceipt);
    }

    public Task WaitForMessagesAsync(QueueKind queue, TimeSpan timeout, CancellationToken cancellationToken) =>
        _wakeups.WaitAsync(queue, timeout, cancellationToken);

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(QueueKind queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        await ReleaseTimersWhenDueAsync(cancellationToken).ConfigureAwait(false);
        var received = (await Queue(queue).ReceiveMessagesAsync(maxMessages, Ceiling(visibilityTimeout), cancellationToken).ConfigureAwait(false)).Value;
        var messages = new List<ReceivedMessage>(received.Length);
        foreach (var message in received)
        {
            messages.Add(new ReceivedMessage(
                queue,
                message.MessageId,
                message.PopReceipt,
                (int)Math.Min(message.DequeueCount, int.MaxValue),
                await _payloads.LoadAsync(message.MessageText, cancellationToken).ConfigureAwait(false)));
        }

        return messages;
    }

    /// <summary>
    /// A message that something else received from one of the hub's queues (the Functions host's queue trigger), as
    /// <see cref="ReceiveAsync"/> would have returned it: a body the store moved to a blob is read back.
    /// </summary>
    public async Task<ReceivedMessage> ReadDeliveredAsync(QueueKind queue, string messageId, string popReceipt, int dequeueCount, string messageText, CancellationToken cancellationToken) =>
        new(queue, messageId, popReceipt, dequeueCount, await _payloads.LoadAsync(messageText, cancellationToken).ConfigureAwait(false));

    public async Task<int> GetQueueDepthAsync(QueueKind queue, CancellationToken cancellationToken) =>
        (await Queue(queue).GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount
        + await _timers.CountAsync(queue, cancellationToken).ConfigureAwait(false);

    public async Task DeleteAsync(MessageReceipt message, CancellationToken cancellationToken)
    {
        if (TimerTable.Holds(message))
        {
            await _timers.DeleteAsync(message, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await Queue(message.Queue).DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 400)
        {
            // Already deleted, or its visibility expired and another worker holds it now: that worker finishes it.
        }
    }

    public async Task AbandonAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Queue(message.Queue).UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: Ceiling(delay), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 400)
        {
            // Gone or taken over; nothing to give back.
        }
    }

    public async Task QuarantineAsync(ReceivedMessage message, string reason, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var id = $"{DateTimeOffset.MaxValue.Ticks - now.Ticks:D19}-{Guid.NewGuid():N}";
        await _quarantine.UpsertEntityAsync(new TableEntity(QuarantinePartition, id)
        {
            ["Queue"] = message.Queue.ToString(),
            ["Body"] = await _payloads.StoreAsync(message.Body, InstanceRow.MaxInlineBytes, "quarantine", cancellationToken).ConfigureAwait(false),
            ["Reason"] = reason,
            ["QuarantinedAt"] = now,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        await DeleteAsync(message, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<QuarantinedMessage>> ListQuarantineAsync(CancellationToken cancellationToken)
    {
        var listed = new List<QuarantinedMessage>();
        await foreach (var row in _quarantine.QueryAsync(TableFilter.Equal("PartitionKey", QuarantinePartition), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            listed.Add(new QuarantinedMessage(
                row.RowKey,
                Enum.Parse<QueueKind>(row.GetString("Queue")!),
                await _payloads.LoadAsync(row.GetString("Body")!, cancellationToken).ConfigureAwait(false),
                row.GetString("Reason")!,
                row.GetDateTimeOffset("QuarantinedAt")!.Value));
        }

        return listed;
    }

    public async Task<bool> RedriveAsync(string quarantineId, CancellationToken cancellationToken)
    {
        var row = await _quarantine.GetEntityIfExistsAsync(QuarantinePartition, StorageNames.ValidateEntityKey(quarantineId, nameof(quarantineId)), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return false;
        }

        var queue = Enum.Parse<QueueKind>(row.GetString("Queue")!);
        await SendAsync(queue, await _payloads.LoadAsync(row.GetString("Body")!, cancellationToken).ConfigureAwait(false), null, cancellationToken).ConfigureAwait(false);
        await _quarantine.DeleteEntityAsync(QuarantinePartition, row.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }

    // One release at a time per process, at most once per interval, whichever queue's receive comes first.
    private async Task ReleaseTimersWhenDueAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetTimestamp();
        if (now < Interlocked.Read(ref _nextTimerRelease) || Interlocked.Exchange(ref _releasingTimers, 1) == 1)
        {
            return;
        }

        try
        {
            Interlocked.Exchange(ref _nextTimerRelease, now + (long)(_timerReleaseInterval.TotalSeconds * Time.TimestampFrequency));
            await ReleaseDueTimersAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _releasingTimers, 0);
        }
    }

    private QueueClient Queue(QueueKind queue) => queue == QueueKind.Control ? _control : _activities;

    // Queue visibility is whole seconds; rounding down would hand a message back early.
    private static TimeSpan Ceiling(TimeSpan span) => TimeSpan.FromSeconds(Math.Ceiling(span.TotalSeconds));

    private static async Task DeleteRowsAsync(TableClient table, List<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken).ConfigureAwait(false);
        }
    }
}
