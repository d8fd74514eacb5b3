using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Workflow.Storage;
using Workflow.Storage.Queues;
using Workflow.Storage.Queues.Models;
using Workflow.Storage.Tables;

namespace Workflow.Durable.Bench;

/// <summary>
/// The floor: the storage operations an engine run issued, replayed straight on the storage clients with no
/// engine in between, on tables and queues of their own in the same Azurite. Every recorded operation is
/// replayed once with a payload sized to the same request bytes, in the order the engine started them, by
/// as many lanes as the engine had requests in flight at its peak; what is left is the storage's own cost.
/// <list type="bullet">
/// <item>A receive that got messages asks for exactly that many; one that got none is made on an empty queue.</item>
/// <item>A delete or visibility update takes a message an earlier receive got; since the engine only deleted what
/// it had received, the replay's order provides one. A backlog sent before the clock starts covers sends still
/// in flight in other lanes, so receives find as many messages as the engine's did.</item>
/// <item>A batch writes a checkpoint row and adds a step row in one partition, as a step commit does.</item>
/// </list>
/// </summary>
internal sealed class FloorReplay
{
    private const int MaxMessagesPerReceive = 32;
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);
    private static readonly StorageOpKind[] Sized = [StorageOpKind.TableBatch, StorageOpKind.TableInsert, StorageOpKind.TableUpsert, StorageOpKind.QueueSend];
    private static readonly StorageOpKind[] Replayable = [.. Sized, StorageOpKind.TableQuery, StorageOpKind.QueueReceive, StorageOpKind.QueueDelete, StorageOpKind.QueueUpdate];

    private readonly StorageOpRecorder _recorder;
    private readonly IReadOnlyList<StorageOp> _ops;
    private readonly int _partitions;
    private readonly Dictionary<string, TableClient> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (QueueClient Queue, Channel<QueueMessage> Received)> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<StorageOpKind, PayloadSize> _sizes = [];
    private readonly QueueClient _idle;
    private int _next = -1;
    private int _extraReceives;

    private FloorReplay(StorageAccount account, StorageOpRecorder recorder, IReadOnlyList<StorageOp> ops, int partitions)
    {
        (_recorder, _ops, _partitions) = (recorder, ops, partitions);
        var unsupported = ops.Where(op => !Replayable.Contains(op.Kind)).GroupBy(op => op.Kind).ToList();
        if (unsupported.Count > 0)
        {
            throw new NotSupportedException(
                $"The floor does not replay {string.Join(", ", unsupported.Select(g => $"{g.Key} ({g.Count()})"))}; teach {nameof(FloorReplay)} those kinds.");
        }

        foreach (var (target, i) in ops.Where(op => op.Kind.ToString().StartsWith("Table", StringComparison.Ordinal)).Select(op => op.Target).Distinct().Select((t, i) => (t, i)))
        {
            _tables[target] = account.GetTableClient($"floortable{i}");
        }

        foreach (var (target, i) in ops.Where(op => op.Kind.ToString().StartsWith("Queue", StringComparison.Ordinal)).Select(op => op.Target).Distinct().Select((t, i) => (t, i)))
        {
            _queues[target] = (account.GetQueueClient($"floor-queue{i}"), Channel.CreateUnbounded<QueueMessage>());
        }

        _idle = account.GetQueueClient("floor-idle");
    }

    /// <summary>Sets up, then replays <paramref name="ops"/> on <paramref name="lanes"/> lanes and returns the timed replay.</summary>
    /// <param name="partitions">How many partitions (instances) the engine spread its rows over.</param>
    public static async Task<FloorResult> RunAsync(StorageAccount account, StorageOpRecorder recorder, IReadOnlyList<StorageOp> ops, int partitions, int lanes)
    {
        var replay = new FloorReplay(account, recorder, ops, partitions);
        await replay.PrepareAsync(lanes);
        recorder.Take();
        var cpu = Cpu.Now();
        var begun = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, lanes).Select(_ => Task.Run(replay.LaneAsync)));
        var wall = Stopwatch.GetElapsedTime(begun);
        return new FloorResult(wall, lanes, recorder.Take(), replay._extraReceives, Cpu.Now() - cpu);
    }

    private async Task PrepareAsync(int lanes)
    {
        foreach (var table in _tables.Values)
        {
            await table.CreateIfNotExistsAsync();
        }

        foreach (var queue in _queues.Values.Select(q => q.Queue).Append(_idle))
        {
            await queue.CreateIfNotExistsAsync();
        }

        // Payload lengths that reproduce the recorded request sizes, from two probes per kind.
        foreach (var kind in Sized.Where(k => _ops.Any(op => op.Kind == k)))
        {
            var target = _ops.First(op => op.Kind == kind).Target;
            _recorder.Take();
            await WriteAsync(kind, target, -1, 0);
            await WriteAsync(kind, target, -2, PayloadSize.ProbeLength);
            var probes = _recorder.Take();
            _sizes[kind] = PayloadSize.FromProbes(probes[0].RequestBytes, probes[1].RequestBytes);
        }

        // Query partitions holding as many rows as the engine's queries returned.
        foreach (var (target, items) in _ops.Where(op => op.Kind == StorageOpKind.TableQuery).Select(op => (op.Target, op.Items)).Distinct())
        {
            for (var row = 0; row < items; row++)
            {
                await _tables[target].UpsertEntityAsync(new TableEntity($"q{items}", $"r{row}"), TableUpdateMode.Replace);
            }
        }

        // A backlog for every queue the engine received from, sized like its messages.
        foreach (var target in _ops.Where(op => op is { Kind: StorageOpKind.QueueReceive, Items: > 0 }).Select(op => op.Target).Distinct())
        {
            var bytes = (long)_ops.Where(op => op.Kind == StorageOpKind.QueueSend && op.Target == target).Select(op => op.RequestBytes).DefaultIfEmpty(0).Average();
            for (var i = 0; i < lanes + MaxMessagesPerReceive; i++)
            {
                await WriteAsync(StorageOpKind.QueueSend, target, -3, _sizes.TryGetValue(StorageOpKind.QueueSend, out var size) ? size.LengthFor(bytes) : 0);
            }
        }
    }

    private async Task LaneAsync()
    {
        for (var i = Interlocked.Increment(ref _next); i < _ops.Count; i = Interlocked.Increment(ref _next))
        {
            await ReplayAsync(i, _ops[i]);
        }
    }

    private async Task ReplayAsync(int index, StorageOp op)
    {
        switch (op.Kind)
        {
            case StorageOpKind.TableQuery:
                await foreach (var _ in _tables[op.Target].QueryAsync(TableFilter.Equal("PartitionKey", $"q{op.Items}")))
                {
                }

                break;
            case StorageOpKind.QueueReceive when op.Items == 0:
                await _idle.ReceiveMessagesAsync(QueryInt(op.Request, "numofmessages"), TimeSpan.FromSeconds(QueryInt(op.Request, "visibilitytimeout")));
                break;
            case StorageOpKind.QueueReceive:
                await ReceiveAsync(op);
                break;
            case StorageOpKind.QueueDelete:
                var (queue, received) = _queues[op.Target];
                var message = await received.Reader.ReadAsync();
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                break;
            case StorageOpKind.QueueUpdate:
                var (updated, taken) = _queues[op.Target];
                var abandoned = await taken.Reader.ReadAsync();
                await updated.UpdateMessageAsync(abandoned.MessageId, abandoned.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(QueryInt(op.Request, "visibilitytimeout")));
                break;
            default:
                await WriteAsync(op.Kind, op.Target, index, _sizes[op.Kind].LengthFor(op.RequestBytes));
                break;
        }
    }

    /// <summary>Receives as many messages as the engine's receive got, for later deletes and updates.</summary>
    private async Task ReceiveAsync(StorageOp op)
    {
        var (queue, received) = _queues[op.Target];
        var visibility = TimeSpan.FromSeconds(QueryInt(op.Request, "visibilitytimeout"));
        var started = Stopwatch.GetTimestamp();
        for (var missing = op.Items; missing > 0;)
        {
            if (missing < op.Items)
            {
                Interlocked.Increment(ref _extraReceives);
                if (Stopwatch.GetElapsedTime(started) > GiveUpAfter)
                {
                    throw new InvalidOperationException($"The floor's {op.Target} queue stayed short of messages for {GiveUpAfter.TotalSeconds:0} s.");
                }
            }

            foreach (var message in (await queue.ReceiveMessagesAsync(missing, visibility)).Value)
            {
                received.Writer.TryWrite(message);
                missing--;
            }
        }
    }

    /// <summary>The sized writes: <paramref name="index"/> spreads them over partitions and keeps added rows unique.</summary>
    private async Task WriteAsync(StorageOpKind kind, string target, int index, int payloadLength)
    {
        var data = new string('x', payloadLength);
        var partition = $"p{(index < 0 ? index : index % _partitions).ToString(CultureInfo.InvariantCulture)}";
        switch (kind)
        {
            case StorageOpKind.TableBatch:
                await _tables[target].SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, "checkpoint")),
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, $"step{index}{Guid.NewGuid():N}") { ["Data"] = data }),
                ]);
                break;
            case StorageOpKind.TableInsert:
                await _tables[target].AddEntityAsync(new TableEntity($"i{index}{Guid.NewGuid():N}", "instance") { ["Data"] = data });
                break;
            case StorageOpKind.TableUpsert:
                await _tables[target].UpsertEntityAsync(new TableEntity(partition, "instance") { ["Data"] = data }, TableUpdateMode.Replace);
                break;
            case StorageOpKind.QueueSend:
                await _queues[target].Queue.SendMessageAsync(data, TimeSpan.Zero, QueueClient.MessageNeverExpires);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a sized write.");
        }
    }

    private static int QueryInt(Uri request, string name) =>
        request.Query.TrimStart('?').Split('&')
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0] == name)
            .Select(pair => int.Parse(pair[1], CultureInfo.InvariantCulture))
            .First();
}

/// <summary>The timed replay: its wall time, the lanes it used, the requests it made, receives it had to repeat, and CPU time.</summary>
internal sealed record FloorResult(TimeSpan Wall, int Lanes, IReadOnlyList<StorageOp> Ops, int ExtraReceives, Cpu Cpu);
