using System.Diagnostics;
using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;
using Azure.Core.Pipeline;
using Workflow.Storage.Tables;

namespace Workflow.Storage.Bench;

/// <summary>
/// Where the client's time goes, free of Azurite's and the network's noise: each operation is made against a replay
/// of Azurite's recorded answer (<see cref="ReplayHandler"/>) by the baseline and by the client in several set-ups,
/// one call at a time, in alternating rounds. What differs is only the caller's own work per call.
/// </summary>
internal static class ReplayProfile
{
    private const string Table = "wirecheck";
    private const string Queue = "wirecheck";

    private static readonly string[] Variants =
    [
        "baseline (raw HttpClient)",
        "client, default options",
        "client, logging off",
        "client, tracing off",
        "client, logging + tracing off",
        "client, default, SDK listeners on",
    ];

    public static async Task RunAsync(string connectionString, IReadOnlyDictionary<string, RecordedExchange> answers, int calls, int rounds)
    {
        var replay = new ReplayHandler();
        using var baseline = new RawStorageCaller(connectionString, replay);
        var defaults = Account(connectionString, replay, logging: true, tracing: true);
        var noLogging = Account(connectionString, replay, logging: false, tracing: true);
        var noTracing = Account(connectionString, replay, logging: true, tracing: false);
        var lean = Account(connectionString, replay, logging: false, tracing: false);

        Console.WriteLine(
            $"Caller cost per call against a replay of Azurite's recorded answer (no socket, one call at a time, CPU time of the calling thread; median of {rounds} alternating round(s) of {calls} calls):");
        Console.WriteLine($"{"operation",-22} | {"variant",-33} | {"us/call",8} | {"KiB/call",8} | {"extra us",8}");
        Console.WriteLine(new string('-', 91));
        foreach (var (name, client, raw) in Operations(baseline))
        {
            replay.Answer = answers[name];
            Task<CallCost> RunVariant(int variant) => variant switch
            {
                0 => CallTimer.TimeAsync(calls, raw),
                1 => CallTimer.TimeAsync(calls, i => client(defaults, i)),
                2 => CallTimer.TimeAsync(calls, i => client(noLogging, i)),
                3 => CallTimer.TimeAsync(calls, i => client(noTracing, i)),
                4 => CallTimer.TimeAsync(calls, i => client(lean, i)),
                _ => WithSdkListenersAsync(() => CallTimer.TimeAsync(calls, i => client(defaults, i))),
            };

            // Warm-up: run everything, give the tiered JIT time to install optimised code, run everything again.
            for (var pass = 0; pass < 2; pass++)
            {
                for (var v = 0; v < Variants.Length; v++)
                {
                    await RunVariant(v);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(300));
            }

            var timings = Variants.Select(_ => new List<CallCost>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var k = 0; k < Variants.Length; k++)
                {
                    // Rotate the order each round so no variant always runs first (or last).
                    var v = (k + round) % Variants.Length;
                    timings[v].Add(await RunVariant(v));
                }
            }

            var baselineCost = CallTimer.Median(timings[0]);
            for (var v = 0; v < Variants.Length; v++)
            {
                var cost = CallTimer.Median(timings[v]);
                Console.WriteLine(
                    $"{(v == 0 ? name : string.Empty),-22} | {Variants[v],-33} | {cost.Micros,8:F1} | {cost.Bytes / 1024,8:F2} | " +
                    (v == 0 ? string.Empty : $"{cost.Micros - baselineCost.Micros,8:F1}"));
            }
        }

        Console.WriteLine();
    }

    private static IEnumerable<(string Name, Func<StorageAccount, int, Task> Client, Func<int, Task> Baseline)> Operations(RawStorageCaller raw) =>
    [
        ("table insert", (a, i) => a.GetTableClient(Table).AddEntityAsync(BenchEntity.Create(i)), i => raw.InsertEntityAsync(Table, BenchEntity.Json(i))),
        ("table upsert (replace)", (a, i) => a.GetTableClient(Table).UpsertEntityAsync(BenchEntity.Create(i), TableUpdateMode.Replace),
            i => raw.UpsertReplaceEntityAsync(Table, BenchEntity.PartitionKey, BenchEntity.RowKey(i), BenchEntity.Json(i))),
        ("table point read", (a, i) => a.GetTableClient(Table).GetEntityAsync(BenchEntity.PartitionKey, BenchEntity.RowKey(i)),
            i => raw.GetEntityAsync(Table, BenchEntity.PartitionKey, BenchEntity.RowKey(i))),
        ("queue send", (a, i) => a.GetQueueClient(Queue).SendMessageAsync(BenchMessage.Text(i)), i => raw.SendMessageAsync(Queue, BenchMessage.Text(i))),
        ("queue receive", (a, _) => a.GetQueueClient(Queue).ReceiveMessagesAsync(maxMessages: 1), _ => raw.ReceiveMessageAsync(Queue)),
        ("queue delete", (a, _) => a.GetQueueClient(Queue).DeleteMessageAsync(MessageId, PopReceipt), _ => raw.DeleteMessageAsync(Queue, MessageId, PopReceipt)),
    ];

    private const string MessageId = "3f0e7c2a-5b7d-4d3e-9a51-2f6c1b8e4d90";
    private const string PopReceipt = "MjJOb3YyMDI2MDQ6NDk6NDFjZTg0";

    private static StorageAccount Account(string connectionString, ReplayHandler replay, bool logging, bool tracing)
    {
        var options = new StorageClientOptions { Transport = new HttpClientTransport(replay) };
        options.Diagnostics.IsLoggingEnabled = logging;
        options.Diagnostics.IsDistributedTracingEnabled = tracing;
        return StorageAccount.FromConnectionString(connectionString, options);
    }

    /// <summary>
    /// Runs <paramref name="body"/> while something listens to the Azure SDK, as Application Insights or OpenTelemetry
    /// would in the Functions host: every Azure activity is sampled and recorded, and Azure.Core's event source is
    /// enabled at Informational, which makes the logging policy format a line per request and per response.
    /// </summary>
    private static async Task<CallCost> WithSdkListenersAsync(Func<Task<CallCost>> body)
    {
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Azure", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(activities);
        using var diagnostics = new AzureDiagnosticSubscriber();
        var lines = 0;
        using var events = new AzureEventSourceListener((_, _) => lines++, EventLevel.Informational);
        return await body();
    }

    /// <summary>
    /// Subscribes to every Azure.* DiagnosticListener with all events enabled (what an APM agent does), until disposed:
    /// the subscriptions to each listener are dropped too, or tracing would stay "listened to" for the variants after.
    /// </summary>
    private sealed class AzureDiagnosticSubscriber : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];
        private readonly IDisposable _all;

        public AzureDiagnosticSubscriber() => _all = DiagnosticListener.AllListeners.Subscribe(this);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name.StartsWith("Azure", StringComparison.Ordinal))
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this, (_, _, _) => true));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _all.Dispose();
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
                _subscriptions.Clear();
            }
        }
    }
}
