using System.Globalization;
using Workflow.Storage.Tables;

namespace Workflow.Durable;

/// <summary>
/// Messages delayed beyond the horizon (a step's reminder days ahead) wait in a table until they are nearly due, and are
/// then sent to their queue with the delay left. A queue holding thousands of hidden messages is slow on Azurite, which
/// scans every message on every receive; a table row costs nothing until its partition is read.
/// Rows: PartitionKey = the due minute (UTC, yyyyMMddHHmm, so "due by" is a key range), RowKey = a unique id.
/// </summary>
internal sealed class TimerTable(TableClient table, LargePayloads payloads, TimeProvider time)
{
    private const string ReceiptPrefix = "timer/";
    private const string BucketFormat = "yyyyMMddHHmm";

    public TableClient Table => table;

    /// <summary>Whether the receipt is of a timer still waiting here (rather than of a queue message).</summary>
    public static bool Holds(MessageReceipt receipt) => receipt.MessageId.StartsWith(ReceiptPrefix, StringComparison.Ordinal);

    public async Task<MessageReceipt> AddAsync(QueueKind queue, string body, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var row = new TableEntity(Bucket(dueAt), Guid.NewGuid().ToString("N"))
        {
            ["Queue"] = queue.ToString(),
            ["DueAt"] = dueAt,
            ["Body"] = await payloads.StoreAsync(body, InstanceRow.MaxInlineBytes, "timers", cancellationToken).ConfigureAwait(false),
        };
        await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
        return new MessageReceipt(queue, $"{ReceiptPrefix}{row.PartitionKey}/{row.RowKey}", string.Empty);
    }

    public async Task DeleteAsync(MessageReceipt receipt, CancellationToken cancellationToken)
    {
        // Gone (404) when released to its queue already: it fires there and the engine drops it, as any cancelled timer.
        var key = receipt.MessageId[ReceiptPrefix.Length..].Split('/');
        await table.DeleteEntityAsync(key[0], key[1], cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends every timer due within <paramref name="horizon"/> to its queue, then removes its row. A crash (or a second
    /// releaser) between the two sends it twice; the engine drops the duplicate by its message id, as for any redelivery.
    /// </summary>
    public async Task<int> ReleaseDueAsync(TimeSpan horizon, Func<QueueKind, string, TimeSpan, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        var released = 0;
        var filter = TableFilter.LessThanOrEqual("PartitionKey", Bucket(time.GetUtcNow() + horizon));
        await foreach (var row in table.QueryAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var left = row.GetDateTimeOffset("DueAt")!.Value - time.GetUtcNow();
            await send(Enum.Parse<QueueKind>(row.GetString("Queue")!), await payloads.LoadAsync(row.GetString("Body")!, cancellationToken).ConfigureAwait(false),
                left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            // 404: another releaser took it at the same time.
            var deleted = await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            released += deleted.Status == 404 ? 0 : 1;
        }

        return released;
    }

    public async Task<int> CountAsync(QueueKind queue, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync(TableFilter.Equal("Queue", queue.ToString()), select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    private static string Bucket(DateTimeOffset at) => at.UtcDateTime.ToString(BucketFormat, CultureInfo.InvariantCulture);
}
