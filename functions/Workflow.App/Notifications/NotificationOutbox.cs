using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Azure;
using Azure.Data.Tables;
using Workflow.App.Storage;

namespace Workflow.App.Notifications;

/// <summary>
/// Notifications are recorded here before anything is sent, and sent from here until delivered, so a crash
/// between deciding to notify and notifying loses nothing. Recording is idempotent on the message id. A message
/// recorded by this process is handed straight to <see cref="DeliverRecordedAsync"/>; the sweep
/// (<see cref="DispatchPendingAsync"/>) picks up what that left: failures, and messages of a process that stopped.
/// </summary>
public sealed class NotificationOutbox(TableServiceClient tables, INotificationPublisher publisher, TimeProvider time, ILogger<NotificationOutbox> logger)
{
    private const string TableName = "outbox";
    private const string Partition = "outbox";
    private const string Pending = "Pending";
    private const string Sent = "Sent";
    // Deliveries wait on storage and the channels' HTTP calls, not on the CPU: with 4, a county's closing wave of
    // approvals left thousands waiting in the exit benchmark.
    private const int ConcurrentDeliveries = 16;
    private const int MaxPerTransaction = TableRules.MaxTransactionActions;
    private static readonly TimeSpan MarkSentDelay = TimeSpan.FromMilliseconds(200);

    private readonly Channel<NotificationMessage> _recorded = Channel.CreateUnbounded<NotificationMessage>();

    // Recorded here and not yet through DeliverRecordedAsync: the sweep leaves them to it instead of sending them a
    // second time while they wait their turn (a backlog of ten seconds doubled the work in the exit benchmark).
    private readonly ConcurrentDictionary<string, byte> _inHand = new(StringComparer.Ordinal);

    private readonly TableClient Table = tables.Table(TableName);

    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        await Table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Records the message for sending; false when a message with its id was recorded before.</summary>
    public async Task<bool> RecordAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddCheckedAsync(new TableEntity(Partition, TableRules.Key(message.Id, nameof(message.Id)))
            {
                ["Status"] = Pending,
                ["Message"] = JsonSerializer.Serialize(message),
                ["RecordedAt"] = time.GetUtcNow(),
                ["Attempts"] = 0,
            }, cancellationToken).ConfigureAwait(false);
            _inHand[message.Id] = 0;
            _recorded.Writer.TryWrite(message);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Publishes each message this process records, as it is recorded, until cancelled. A failure is left to the sweep.
    /// Published messages are marked sent a batch at a time (<see cref="MarkSentAsync"/>); a stop flushes what is left, and
    /// a crash before the mark only means the sweep sends those messages once more.
    /// </summary>
    public async Task DeliverRecordedAsync(CancellationToken cancellationToken)
    {
        var published = Channel.CreateUnbounded<string>();
        var marking = MarkSentAsync(published.Reader);
        try
        {
            await Parallel.ForEachAsync(
                _recorded.Reader.ReadAllAsync(cancellationToken),
                new ParallelOptions { MaxDegreeOfParallelism = ConcurrentDeliveries, CancellationToken = cancellationToken },
                async (message, token) =>
                {
                    var delivered = false;
                    try
                    {
                        await publisher.PublishAsync(NotificationEvents.ToCloudEvent(message), token).ConfigureAwait(false);
                        delivered = published.Writer.TryWrite(message.Id);
                    }
                    catch (Exception e) when (!token.IsCancellationRequested)
                    {
                        logger.LogWarning(e, "Notification {Id} could not be delivered at once; the outbox sweep retries it.", message.Id);
                    }
                    finally
                    {
                        if (!delivered)
                        {
                            _inHand.TryRemove(message.Id, out _);
                        }
                    }
                }).ConfigureAwait(false);
        }
        finally
        {
            published.Writer.TryComplete();
            await marking.ConfigureAwait(false);
        }
    }

    // One entity group transaction marks up to 100 messages (the outbox is one partition) instead of a merge each, which
    // were 8 of the exit benchmark's 150 table operations per case. Waiting a moment lets a busy outbox fill a batch.
    private async Task MarkSentAsync(ChannelReader<string> published)
    {
        while (await published.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            await Task.Delay(MarkSentDelay, CancellationToken.None).ConfigureAwait(false);
            while (published.TryPeek(out _))
            {
                var ids = new List<string>(MaxPerTransaction);
                while (ids.Count < MaxPerTransaction && published.TryRead(out var id))
                {
                    ids.Add(id);
                }

                var sentAt = time.GetUtcNow();
                try
                {
                    await Table.SubmitCheckedAsync(ids.Select(id => new TableTransactionAction(TableTransactionActionType.UpdateMerge,
                        new TableEntity(Partition, id) { ["Status"] = Sent, ["SentAt"] = sentAt }, ETag.All)).ToList(), CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    // Left pending: the sweep sends them once more, which a notification may be (at least once).
                    logger.LogWarning(e, "{Count} delivered notifications could not be marked sent; the outbox sweep will send them again.", ids.Count);
                }
                finally
                {
                    foreach (var id in ids)
                    {
                        _inHand.TryRemove(id, out _);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Publishes once every message still pending that was recorded before <paramref name="recordedBefore"/> (later ones
    /// are most likely being delivered by <see cref="DeliverRecordedAsync"/>), except those this process's
    /// <see cref="DeliverRecordedAsync"/> still holds; returns how many were delivered.
    /// Failures stay pending for the next round.
    /// </summary>
    public async Task<int> DispatchPendingAsync(DateTimeOffset recordedBefore, CancellationToken cancellationToken)
    {
        var delivered = 0;
        var pending = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Status eq {Pending} and RecordedAt lt {recordedBefore}");
        await foreach (var row in Table.QueryAsync<TableEntity>(pending, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (_inHand.ContainsKey(row.RowKey))
            {
                continue;
            }

            var message = JsonSerializer.Deserialize<NotificationMessage>(row.GetString("Message")!)!;
            try
            {
                await publisher.PublishAsync(NotificationEvents.ToCloudEvent(message), cancellationToken).ConfigureAwait(false);
                row["Status"] = Sent;
                row["SentAt"] = time.GetUtcNow();
                delivered++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Notification {Id} could not be delivered; it stays in the outbox.", message.Id);
                row["Attempts"] = (row.GetInt32("Attempts") ?? 0) + 1;
                row["LastError"] = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
            }

            await Table.UpdateCheckedAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }

        return delivered;
    }
}
