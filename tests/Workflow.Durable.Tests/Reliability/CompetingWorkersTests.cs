using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Workflow.Durable.Tests.Contract;
using Xunit;
using Xunit.Abstractions;

namespace Workflow.Durable.Tests.Reliability;

/// <summary>
/// Races (issue 3): several workers, each with its own history cache, on one task hub in Azurite. The
/// history's ETag must settle every race: each instance completes once, and no message is lost.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CompetingWorkersTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int InstanceCount = 500;

    private static readonly string[] WorkerNames = ["A", "B"];

    private sealed record ActivityRun(string Worker, string InstanceId, string Activity, int Input);

    [Fact]
    public async Task Two_workers_complete_each_of_500_instances_exactly_once()
    {
        var total = Stopwatch.StartNew();
        var store = await CreateStoreAsync("race");
        var runs = new ConcurrentQueue<ActivityRun>();
        var workers = WorkerNames.Select(name => (Name: name, Steps: new RecordingLogger(), Log: new WorkerLog())).ToList();
        var options = DurableTestHost.FastOptions();
        using var stop = new CancellationTokenSource();
        var running = workers
            .Select(w => new DurableTaskWorker(store, PairRegistry(w.Name, runs, w.Steps), options, w.Log).RunAsync(stop.Token))
            .ToList();
        var client = new DurableTaskClient(store, options);

        try
        {
            foreach (var chunk in Enumerable.Range(0, InstanceCount).Chunk(50))
            {
                await Task.WhenAll(chunk.Select(n =>
                    client.ScheduleNewOrchestrationInstanceAsync("Pair", n, new StartOrchestrationOptions($"pair{n:D3}"))));
            }

            var ended = await WaitForAllToEndAsync(client, "Pair", InstanceCount, TimeSpan.FromSeconds(120));
            var problems = new List<string>();
            foreach (var n in Enumerable.Range(0, InstanceCount))
            {
                if (!ended.TryGetValue($"pair{n:D3}", out var instance))
                {
                    problems.Add($"pair{n:D3} did not end");
                    continue;
                }

                if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed || instance.ReadOutputAs<string>() != $"done-{(n * n) + 1}")
                {
                    problems.Add($"{instance.InstanceId}: {instance.RuntimeStatus}, output {instance.SerializedOutput}");
                }

                // Once each: the start, the two activities' schedules and completions, the end.
                var history = await client.GetHistoryAsync(instance.InstanceId);
                if (history.OfType<ExecutionStarted>().Count() != 1 || history.OfType<ExecutionCompleted>().Count() != 1 ||
                    !history.OfType<TaskScheduled>().Select(t => t.TaskId).Order().SequenceEqual([0, 1]) ||
                    !history.OfType<TaskCompleted>().Select(t => t.TaskId).Order().SequenceEqual([0, 1]))
                {
                    problems.Add($"{instance.InstanceId}: history {string.Join(", ", history.Select(e => e.GetType().Name))}");
                }
            }

            // Activities run at least once: compare what ran, deduplicated, with what the orchestrations asked for.
            var expected = Enumerable.Range(0, InstanceCount)
                .SelectMany(n => new[] { ($"pair{n:D3}", "Square", n), ($"pair{n:D3}", "Complete", (n * n) + 1) })
                .ToHashSet();
            var distinct = runs.Select(r => (r.InstanceId, r.Activity, r.Input)).ToHashSet();
            problems.AddRange(distinct.Except(expected).Select(r => $"activity run nobody asked for: {r}"));
            problems.AddRange(expected.Except(distinct).Select(r => $"activity never ran: {r}"));
            problems.AddRange(workers.SelectMany(w => w.Log.Lines.Select(l => $"worker {w.Name} logged: {l}")));

            foreach (var (name, steps, _) in workers)
            {
                output.WriteLine($"worker {name}: {runs.Count(r => r.Worker == name)} activity executions, {steps.Lines.Count} orchestration steps executed");
            }

            output.WriteLine($"{runs.Count} activity executions, {runs.Count - distinct.Count} duplicates; {total.Elapsed.TotalSeconds:F1} s");
            Assert.True(problems.Count == 0, $"{problems.Count} problems:\n{string.Join('\n', problems.Take(40))}");
            Assert.All(workers, w => Assert.True(runs.Any(r => r.Worker == w.Name) && w.Steps.Lines.Count > 0, $"worker {w.Name} did no work"));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(running);
        }
    }

    [Fact]
    public async Task Fifty_concurrent_raises_of_one_event_id_reach_two_workers_and_are_delivered_once()
    {
        var store = await CreateStoreAsync("raise");
        var registry = new DurableTaskRegistry().AddOrchestrator<string, int>("CountEvents", async (context, _) =>
        {
            var count = 0;
            while (await context.WaitForExternalEvent<string>("decision") != "stop")
            {
                count++;
            }

            return count;
        });
        var options = DurableTestHost.FastOptions();
        using var stop = new CancellationTokenSource();
        var running = Enumerable.Range(0, 2).Select(_ => new DurableTaskWorker(store, registry, options).RunAsync(stop.Token)).ToList();
        var client = new DurableTaskClient(store, options);
        const string id = "fifty-raises";

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync("CountEvents", "x", new StartOrchestrationOptions(id));
            await WaitUntilAsync(async () => (await client.GetInstanceAsync(id))?.RuntimeStatus == OrchestrationRuntimeStatus.Running);
            await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.RaiseEventAsync(id, "decision", "approve", eventId: "link-42")));

            // Every copy is taken and settled before the stop, or a late duplicate would find the instance ended and prove nothing.
            await WaitUntilAsync(async () => await store.GetQueueDepthAsync(QueueKind.Control, default) == 0);
            await client.RaiseEventAsync(id, "decision", "stop", eventId: "stop");
            await WaitUntilAsync(async () => (await client.GetInstanceAsync(id))?.IsEnded == true);

            var done = await client.GetInstanceAsync(id);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done!.RuntimeStatus);
            Assert.Equal(1, done.ReadOutputAs<int>());
            Assert.Equal(2, (await client.GetHistoryAsync(id)).OfType<EventRaised>().Count());
            Assert.Empty(await client.ListQuarantinedMessagesAsync());
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(running);
        }
    }

    [Fact]
    public async Task A_duplicate_event_taken_by_a_worker_with_a_stale_cache_leaves_the_index_at_the_latest_step()
    {
        var store = await CreateStoreAsync("stale");
        var options = DurableTestHost.FastOptions();
        var registry = new DurableTaskRegistry().AddOrchestrator<string, string>("TwoEvents", async (context, _) =>
            $"{await context.WaitForExternalEvent<string>("first")}+{await context.WaitForExternalEvent<string>("second")}");
        var a = new DurableTaskWorker(store, registry, options);
        var b = new DurableTaskWorker(store, registry, options);
        var client = new DurableTaskClient(store, options);
        const string id = "stale-index";

        // A applies the first event and caches the instance; B, which does not share that cache, ends it.
        await client.ScheduleNewOrchestrationInstanceAsync("TwoEvents", "x", new StartOrchestrationOptions(id));
        await client.RaiseEventAsync(id, "first", "1", eventId: "first-1");
        await RunUntilAsync(a, store, async () => (await client.GetHistoryAsync(id)).OfType<EventRaised>().Any());
        await client.RaiseEventAsync(id, "second", "2");
        await RunUntilAsync(b, store, async () => (await client.GetInstanceAsync(id))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed);

        // A caller retries the first raise with its event id (raising is idempotent by event id), and A takes the duplicate.
        await client.RaiseEventAsync(id, "first", "1", eventId: "first-1");
        await RunUntilAsync(a, store, () => Task.FromResult(true));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await store.LoadHistoryAsync(id, default))!.Checkpoint.RuntimeStatus);
        var indexed = await client.GetInstanceAsync(id);
        Assert.True(
            indexed is { RuntimeStatus: OrchestrationRuntimeStatus.Completed },
            $"The history's checkpoint says Completed, the instances index says {indexed?.RuntimeStatus}: worker A recognised the duplicate " +
            "as consumed by a step in its cached history and wrote that stale cached checkpoint over the index. Clients waiting for completion wait forever.");
    }

    [Fact]
    public async Task A_worker_with_a_stale_cache_does_not_drop_messages_of_the_execution_after_continue_as_new()
    {
        var store = await CreateStoreAsync("cann");
        var options = DurableTestHost.FastOptions();
        var registry = new DurableTaskRegistry().AddOrchestrator<int, string>("Rounds", async (context, round) =>
        {
            if (round == 0)
            {
                await context.WaitForExternalEvent<string>("go");
                context.ContinueAsNew(1);
                return "continued";
            }

            await context.CreateTimer(TimeSpan.FromSeconds(3), CancellationToken.None);
            return $"round {round} done";
        });
        var aLog = new WorkerLog();
        var a = new DurableTaskWorker(store, registry, options, aLog);
        var b = new DurableTaskWorker(store, registry, options);
        var client = new DurableTaskClient(store, options);
        const string id = "stale-execution";

        // A runs round 0 up to its wait, and caches it.
        await client.ScheduleNewOrchestrationInstanceAsync("Rounds", 0, new StartOrchestrationOptions(id));
        await RunUntilAsync(a, store, async () => (await client.GetInstanceAsync(id))?.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        var round0 = (await client.GetInstanceAsync(id))!.ExecutionId;

        // B runs round 0 to its continue-as-new and round 1 up to its timer (the index is written after the timer is sent).
        await client.RaiseEventAsync(id, "go");
        await RunUntilAsync(
            b,
            store,
            async () => await client.GetInstanceAsync(id) is { RuntimeStatus: OrchestrationRuntimeStatus.Running } i && i.ExecutionId != round0,
            drainQueues: false);

        // Round 1's timer fires on A.
        await RunUntilAsync(a, store, async () => (await client.GetInstanceAsync(id))?.IsEnded == true, timeout: TimeSpan.FromSeconds(10));

        var instance = await client.GetInstanceAsync(id);
        Assert.True(
            instance is { RuntimeStatus: OrchestrationRuntimeStatus.Completed },
            $"The instance is {instance?.RuntimeStatus} in round 1 (execution {instance?.ExecutionId}; round 0 was {round0}), " +
            $"history: {string.Join(", ", (await client.GetHistoryAsync(id)).Select(e => e.GetType().Name))}; " +
            $"control queue depth {await store.GetQueueDepthAsync(QueueKind.Control, default)}, quarantined {(await client.ListQuarantinedMessagesAsync()).Count}. " +
            $"Worker A logged: {string.Join(" | ", aLog.Lines)}");
    }

    /// <summary>
    /// Two activities in sequence. The replay-safe logger writes once per executed step, to the executing
    /// worker's log: evidence of which worker ran orchestration steps.
    /// </summary>
    private static DurableTaskRegistry PairRegistry(string worker, ConcurrentQueue<ActivityRun> runs, ILogger steps) => new DurableTaskRegistry()
        .AddActivity<int, int>("Square", (context, n) =>
        {
            runs.Enqueue(new ActivityRun(worker, context.InstanceId, context.Name, n));
            return Task.FromResult(n * n);
        })
        .AddActivity<int, string>("Complete", (context, n) =>
        {
            runs.Enqueue(new ActivityRun(worker, context.InstanceId, context.Name, n));
            return Task.FromResult($"done-{n}");
        })
        .AddOrchestrator<int, string>("Pair", async (context, n) =>
        {
            var log = context.CreateReplaySafeLogger(steps);
            log.LogInformation("scheduling Square");
            var square = await context.CallActivityAsync<int>("Square", n);
            log.LogInformation("scheduling Complete");
            var result = await context.CallActivityAsync<string>("Complete", square + 1);
            log.LogInformation("completing");
            return result;
        });

    /// <summary>
    /// Runs one worker until the condition holds and (unless told otherwise) the queues are empty, then stops it.
    /// Running workers one at a time lets a test choose which worker's cache sees which step.
    /// </summary>
    private static async Task RunUntilAsync(
        DurableTaskWorker worker, AzureStorageDurableStore store, Func<Task<bool>> condition, bool drainQueues = true, TimeSpan? timeout = null)
    {
        using var stop = new CancellationTokenSource();
        var running = worker.RunAsync(stop.Token);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < (timeout ?? TimeSpan.FromSeconds(20)) &&
               !(await condition() && (!drainQueues || await QueuesEmptyAsync(store))))
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await running;
    }

    private static async Task<bool> QueuesEmptyAsync(AzureStorageDurableStore store) =>
        await store.GetQueueDepthAsync(QueueKind.Control, default) == 0 && await store.GetQueueDepthAsync(QueueKind.Activity, default) == 0;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "The condition did not hold within 30 s.");
            await Task.Delay(20);
        }
    }

    /// <summary>The ended instances of <paramref name="name"/> once all <paramref name="count"/> have ended, or at the timeout.</summary>
    private static async Task<Dictionary<string, OrchestrationMetadata>> WaitForAllToEndAsync(DurableTaskClient client, string name, int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var ended = new Dictionary<string, OrchestrationMetadata>();
            string? continuation = null;
            do
            {
                var page = await client.QueryInstancesAsync(new InstanceQuery(Name: name, PageSize: 1000), continuation);
                foreach (var instance in page.Instances.Where(i => i.IsEnded))
                {
                    ended[instance.InstanceId] = instance;
                }

                continuation = page.ContinuationToken;
            }
            while (continuation is not null);

            if (ended.Count == count || deadline.Elapsed > timeout)
            {
                return ended;
            }

            await Task.Delay(500);
        }
    }

    private async Task<AzureStorageDurableStore> CreateStoreAsync(string prefix)
    {
        var store = new AzureStorageDurableStore(azurite.StorageAccount, new AzureStorageDurableOptions { TaskHubName = $"{prefix}{Guid.NewGuid():N}"[..16] });
        await store.CreateIfNotExistsAsync();
        return store;
    }

    /// <summary>What a worker logs (drops, failed steps, quarantines): evidence for the assertion messages.</summary>
    private sealed class WorkerLog : ILogger<DurableTaskWorker>
    {
        private readonly RecordingLogger _lines = new();

        public IReadOnlyList<string> Lines => _lines.Lines;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Log(logLevel, eventId, state, exception, (s, e) => $"{logLevel}: {formatter(s, e)}{(e is null ? string.Empty : $" ({e.Message})")}");
    }
}
