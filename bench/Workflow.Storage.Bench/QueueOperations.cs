using System.Collections.Concurrent;
using Workflow.Storage.Queues;
using Workflow.Storage.Queues.Models;

namespace Workflow.Storage.Bench;

/// <summary>
/// Queue send, receive (one message per call) and delete, each round on a queue of its own. Receive rounds find
/// their messages already there; delete rounds get pop receipts from receives done before the clock starts.
/// </summary>
internal static class QueueOperations
{
    private const int SetupParallelism = 16;

    // Long enough that no message received for a delete round becomes visible again (and stale) before it is deleted.
    private static readonly TimeSpan HoldForDelete = TimeSpan.FromMinutes(30);

    public static IEnumerable<BenchOperation> All =>
    [
        new("queue send", 4000, PrepareSendAsync),
        new("queue receive", 1000, PrepareReceiveAsync),
        new("queue delete", 2000, PrepareDeleteAsync),
    ];

    private static async Task<PreparedRound> PrepareSendAsync(BenchTargets targets, Side side, int operations)
    {
        var (name, queue) = await CreateQueueAsync(targets, "snd", side, prefill: 0);
        var client = targets.Client.GetQueueClient(name);
        return Round(queue, side == Side.Client
            ? i => client.SendMessageAsync(BenchMessage.Text(i))
            : i => targets.Baseline.SendMessageAsync(name, BenchMessage.Text(i)));
    }

    private static async Task<PreparedRound> PrepareReceiveAsync(BenchTargets targets, Side side, int operations)
    {
        var (name, queue) = await CreateQueueAsync(targets, "rcv", side, prefill: operations);
        var client = targets.Client.GetQueueClient(name);
        return Round(queue, side == Side.Client
            ? async _ =>
            {
                var received = await client.ReceiveMessagesAsync(maxMessages: 1);
                if (received.Value.Length != 1)
                {
                    throw new InvalidOperationException($"Queue {name} returned no message: the benchmark's prefill ran short.");
                }
            }
            : _ => targets.Baseline.ReceiveMessageAsync(name));
    }

    private static async Task<PreparedRound> PrepareDeleteAsync(BenchTargets targets, Side side, int operations)
    {
        var (name, queue) = await CreateQueueAsync(targets, "del", side, prefill: operations);
        var receipts = await ReceiveAllAsync(queue, operations);
        var client = targets.Client.GetQueueClient(name);
        return Round(queue, side == Side.Client
            ? i => client.DeleteMessageAsync(receipts[i].MessageId, receipts[i].PopReceipt)
            : i => targets.Baseline.DeleteMessageAsync(name, receipts[i].MessageId, receipts[i].PopReceipt));
    }

    private static async Task<(string Name, QueueClient SetupQueue)> CreateQueueAsync(BenchTargets targets, string kind, Side side, int prefill)
    {
        var name = targets.NewName(kind, side);
        var queue = targets.Setup.GetQueueClient(name);
        await queue.CreateIfNotExistsAsync();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, prefill),
            new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism },
            async (i, cancellation) => await queue.SendMessageAsync(BenchMessage.Text(i), cancellationToken: cancellation));
        return (name, queue);
    }

    private static async Task<QueueMessage[]> ReceiveAllAsync(QueueClient queue, int count)
    {
        var received = new ConcurrentBag<QueueMessage>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, SetupParallelism),
            new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism },
            async (_, cancellation) =>
            {
                while (received.Count < count)
                {
                    var batch = await queue.ReceiveMessagesAsync(queue.MaxPeekableMessages, HoldForDelete, cancellation);
                    if (batch.Value.Length == 0)
                    {
                        return;
                    }

                    foreach (var message in batch.Value)
                    {
                        received.Add(message);
                    }
                }
            });
        return received.Count >= count
            ? [.. received]
            : throw new InvalidOperationException($"Only {received.Count} of {count} messages could be received for the delete round.");
    }

    private static PreparedRound Round(QueueClient setupQueue, Func<int, Task> operation) =>
        new(operation, async () => await setupQueue.DeleteAsync());
}
