using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Workflow.Durable.Tests.Contract;
using Workflow.Durable.TestWorker;
using Xunit;
using Xunit.Abstractions;

namespace Workflow.Durable.Tests.Reliability;

/// <summary>
/// Crash safety (issue 3): a real worker process is killed with SIGKILL at random points, again and again,
/// while 200 instances run through activities, a durable timer and an external event. Every instance must
/// still end exactly as in a crash-free run, the activities' side effects must be exactly what the
/// orchestrations asked for once duplicates are removed, and no event may be lost or delivered twice.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkerCrashTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    // Fixed, so a failing run repeats with the same cases, event timings and kill schedule.
    private const int Seed = 20_250_307;
    private const int InstanceCount = 200;
    private const int KillCount = 60;

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    private enum EventTiming
    {
        BeforeWait,
        AfterWait,
        TwiceBeforeWait,
        TwiceAfterWait,
    }

    private sealed record Case(int Number, string InstanceId, string Decision, EventTiming Timing, TimeSpan NextStartAfter)
    {
        public string EventId => $"decision-{Number}";
    }

    [Fact]
    public async Task Every_instance_ends_as_in_a_crash_free_run_while_the_worker_is_killed_at_random()
    {
        var total = Stopwatch.StartNew();
        var random = new Random(Seed);

        // Started in bursts of ten, a few seconds apart: the worker has work in flight when most kills land,
        // and the quiet gaps let it catch up, as a real worker between crashes would.
        var cases = Enumerable.Range(0, InstanceCount)
            .Select(n => new Case(
                n,
                $"case{n:D3}",
                n % 3 == 0 ? $"reject-{n}" : $"approve-{n}",
                (EventTiming)random.Next(4),
                TimeSpan.FromMilliseconds(n % 10 == 9 ? random.Next(2000, 4000) : 0)))
            .ToList();

        var (expectedOutputs, expectedEffects) = await RunWithoutCrashesAsync(cases);
        var referenceTime = total.Elapsed;

        var taskHub = $"crash{Guid.NewGuid():N}"[..16];
        var store = new AzureStorageDurableStore(azurite.StorageAccount, new AzureStorageDurableOptions { TaskHubName = taskHub });
        await store.CreateIfNotExistsAsync();
        var client = new DurableTaskClient(store);
        var workerLog = new ConcurrentQueue<string>();

        // Starting and raising run alongside the kills, so kills land in every phase of the instances' lives.
        var chaos = Stopwatch.StartNew();
        using var stopRaising = new CancellationTokenSource();
        var driving = StartAndRaiseAsync(client, cases, stopRaising.Token);
        using var survivor = await KillRepeatedlyAsync(taskHub, workerLog, new Random(Seed + 1));
        var chaosTime = chaos.Elapsed;

        // The last worker lives on; an instance stuck before its wait would keep the raising going forever.
        var drain = Stopwatch.StartNew();
        stopRaising.CancelAfter(DrainTimeout);
        var neverRaised = await driving;
        var instances = await WaitForAllToEndAsync(client, DrainTimeout - drain.Elapsed);
        var drainTime = drain.Elapsed;

        var problems = neverRaised.Select(id => $"{id} never reached its wait, so its event was never raised").ToList();
        var askedFor = new HashSet<SideEffect>();
        var histories = new Dictionary<string, InstanceHistory?>();
        foreach (var c in cases)
        {
            var history = histories[c.InstanceId] = await store.LoadHistoryAsync(c.InstanceId, default);
            var events = history?.Events.ToList() ?? [];
            askedFor.UnionWith(events.OfType<TaskScheduled>().Select(t => new SideEffect(c.InstanceId, t.Name, JsonSerializer.Deserialize<string>(t.Input!)!)));
            problems.AddRange(CheckInstance(c, instances.GetValueOrDefault(c.InstanceId), expectedOutputs[c.InstanceId], events));
        }

        var recorded = await ReadSideEffectsAsync(taskHub);
        var distinct = recorded.ToHashSet();
        problems.AddRange(distinct.Except(expectedEffects).Select(e => $"side effect nobody asked for: {e}"));
        problems.AddRange(expectedEffects.Except(distinct).Select(e => $"side effect missing: {e}"));
        problems.AddRange(askedFor.Except(expectedEffects).Concat(expectedEffects.Except(askedFor))
            .Select(e => $"history schedules differ from the crash-free run's: {e}"));
        var quarantined = (await client.ListQuarantinedMessagesAsync()).Select(q => Explain(q, histories)).ToList();

        var runtimeLines = workerLog.Where(l => !l.Contains("] ready ", StringComparison.Ordinal)).ToList();
        output.WriteLine($"worker: {TestWorkerProcess.CommandLine}");
        output.WriteLine($"seed {Seed}: {InstanceCount} instances ({string.Join(", ", cases.GroupBy(c => c.Timing).Select(g => $"{g.Count()} {g.Key}"))})");
        output.WriteLine($"kills: {KillCount} (SIGKILL); worker lives that got ready: {workerLog.Count(l => l.Contains("] ready ", StringComparison.Ordinal))}");
        output.WriteLine($"side effects: {recorded.Count} recorded, {distinct.Count} distinct, {recorded.Count - distinct.Count} duplicates removed by dedupe");
        output.WriteLine($"quarantined messages: {quarantined.Count}");
        foreach (var line in quarantined)
        {
            output.WriteLine(line);
        }

        output.WriteLine($"time: crash-free reference {referenceTime.TotalSeconds:F1} s, kill phase {chaosTime.TotalSeconds:F1} s, " +
                         $"drain after the last kill {drainTime.TotalSeconds:F1} s, total {total.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"worker log lines besides 'ready': {runtimeLines.Count}");
        foreach (var line in runtimeLines.Take(30))
        {
            output.WriteLine($"  {line}");
        }

        Assert.True(
            problems.Count == 0,
            $"{problems.Count} problems:\n{string.Join('\n', problems.Take(60))}\n{quarantined.Count} quarantined messages:\n{string.Join('\n', quarantined)}");
    }

    [Fact]
    public async Task An_event_raised_while_a_dead_worker_holds_the_start_message_is_delivered()
    {
        var store = new AzureStorageDurableStore(azurite.StorageAccount, new AzureStorageDurableOptions { TaskHubName = $"held{Guid.NewGuid():N}"[..16] });
        await store.CreateIfNotExistsAsync();
        var options = DurableTestHost.FastOptions();
        options.ControlVisibilityTimeout = TimeSpan.FromSeconds(10);
        var client = new DurableTaskClient(store, options);
        const string id = "held-start";
        await client.ScheduleNewOrchestrationInstanceAsync(CrashCase.Name, 7, new StartOrchestrationOptions(id));

        // What a worker killed right after taking the start message leaves behind: the message stays hidden
        // for the control visibility timeout, while the caller goes on and raises the event.
        Assert.Single(await store.ReceiveAsync(QueueKind.Control, 1, options.ControlVisibilityTimeout, default));
        await client.RaiseEventAsync(id, CrashCase.DecisionEvent, "approve-7", "decision-7");

        await using var host = new DurableTestHost(store, CrashCase.Register(new DurableTaskRegistry(), _ => Task.CompletedTask), options);
        var deadline = Stopwatch.StartNew();
        IReadOnlyList<QuarantinedMessage> quarantined = [];
        while ((await client.GetInstanceAsync(id))?.IsEnded != true && quarantined.Count == 0 && deadline.Elapsed < options.ControlVisibilityTimeout * 2)
        {
            await Task.Delay(100);
            quarantined = await client.ListQuarantinedMessagesAsync();
        }

        Assert.True(
            quarantined.Count == 0,
            $"The event was quarantined after {deadline.Elapsed.TotalSeconds:F1} s ({string.Join("; ", quarantined.Select(q => q.Reason))}), " +
            "while the start message was still hidden: each retry of a message that waits for its instance to start counts as a failed delivery.");
        var done = await client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done?.RuntimeStatus);
        Assert.Equal("case-7|verified|reviewed|approved|approve-7|recorded", done!.ReadOutputAs<string>());
    }

    /// <summary>The same cases on the in-memory backend with nothing killed: the outputs and side effects to match.</summary>
    private static async Task<(Dictionary<string, string?> Outputs, HashSet<SideEffect> Effects)> RunWithoutCrashesAsync(IReadOnlyList<Case> cases)
    {
        var effects = new ConcurrentQueue<SideEffect>();
        var registry = CrashCase.Register(new DurableTaskRegistry(), effect =>
        {
            effects.Enqueue(effect);
            return Task.CompletedTask;
        });
        await using var host = new DurableTestHost(new InMemoryDurableStore(), registry);
        foreach (var c in cases)
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync(CrashCase.Name, c.Number, new StartOrchestrationOptions(c.InstanceId));
            await host.Client.RaiseEventAsync(c.InstanceId, CrashCase.DecisionEvent, c.Decision, c.EventId);
        }

        var ended = await Task.WhenAll(cases.Select(c => host.RunToEndAsync(c.InstanceId)));
        Assert.All(ended, e => Assert.Equal(OrchestrationRuntimeStatus.Completed, e.RuntimeStatus));
        return (ended.ToDictionary(e => e.InstanceId, e => e.SerializedOutput), effects.ToHashSet());
    }

    /// <summary>
    /// Starts the cases in bursts and raises each one's event before or after it reaches the wait, once or twice
    /// with one event id. Returns the instances whose event was to come after the wait but never did.
    /// </summary>
    private static async Task<IReadOnlyCollection<string>> StartAndRaiseAsync(DurableTaskClient client, IReadOnlyList<Case> cases, CancellationToken stopRaising)
    {
        // Stopping only ends the search for waiting instances: a start or raise cut off half-way would lose
        // an instance or event on the test's side, and look like the runtime's fault.
        Task Raise(Case c) => client.RaiseEventAsync(c.InstanceId, CrashCase.DecisionEvent, c.Decision, c.EventId, CancellationToken.None);

        var starting = Task.Run(
            async () =>
            {
                foreach (var c in cases)
                {
                    await client.ScheduleNewOrchestrationInstanceAsync(CrashCase.Name, c.Number, new StartOrchestrationOptions(c.InstanceId), CancellationToken.None);
                    if (c.Timing is EventTiming.BeforeWait or EventTiming.TwiceBeforeWait)
                    {
                        await Raise(c);
                    }

                    if (c.Timing is EventTiming.TwiceBeforeWait)
                    {
                        await Raise(c);
                    }

                    await Task.Delay(c.NextStartAfter, CancellationToken.None);
                }
            },
            CancellationToken.None);

        var late = cases.Where(c => c.Timing is EventTiming.AfterWait or EventTiming.TwiceAfterWait).ToDictionary(c => c.InstanceId);
        try
        {
            while (late.Count > 0)
            {
                var waiting = (await ListInstancesAsync(client, [OrchestrationRuntimeStatus.Running], stopRaising))
                    .Where(i => i.ReadCustomStatusAs<string>() == CrashCase.WaitingStatus);
                foreach (var instance in waiting)
                {
                    if (late.Remove(instance.InstanceId, out var c))
                    {
                        await Task.WhenAll(Enumerable.Repeat(c, c.Timing is EventTiming.TwiceAfterWait ? 2 : 1).Select(Raise));
                    }
                }

                await Task.Delay(250, stopRaising);
            }
        }
        catch (OperationCanceledException) when (stopRaising.IsCancellationRequested)
        {
            // Reported by the caller with the instances that never got their event.
        }

        await starting;
        return late.Keys;
    }

    /// <summary>Starts a worker, kills it after a random while, pauses a random while, <see cref="KillCount"/> times; returns the worker left running.</summary>
    private async Task<TestWorkerProcess> KillRepeatedlyAsync(string taskHub, ConcurrentQueue<string> log, Random random)
    {
        for (var kill = 0; kill < KillCount; kill++)
        {
            using var worker = TestWorkerProcess.Start(azurite.ConnectionString, taskHub, log);

            // Long enough for most lives to start up and take work, short enough for all the kills to fit the CI budget.
            await Task.Delay(random.Next(400, 2000));
            Assert.False(worker.HasExited, $"The worker exited on its own before kill {kill + 1}:\n{string.Join('\n', log.TakeLast(20))}");
            await worker.KillAsync();
            await Task.Delay(random.Next(0, 300));
        }

        return TestWorkerProcess.Start(azurite.ConnectionString, taskHub, log);
    }

    private static async Task<Dictionary<string, OrchestrationMetadata>> WaitForAllToEndAsync(DurableTaskClient client, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var instances = (await ListInstancesAsync(client, null, CancellationToken.None)).ToDictionary(i => i.InstanceId);
            if ((instances.Count == InstanceCount && instances.Values.All(i => i.IsEnded)) || deadline.Elapsed >= timeout)
            {
                return instances;
            }

            await Task.Delay(500);
        }
    }

    private static async Task<List<OrchestrationMetadata>> ListInstancesAsync(
        DurableTaskClient client, IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses, CancellationToken cancellationToken)
    {
        var instances = new List<OrchestrationMetadata>();
        string? continuation = null;
        do
        {
            var page = await client.QueryInstancesAsync(new InstanceQuery(Name: CrashCase.Name, Statuses: statuses, PageSize: 1000), continuation, cancellationToken);
            instances.AddRange(page.Instances);
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        return instances;
    }

    private async Task<List<SideEffect>> ReadSideEffectsAsync(string taskHub)
    {
        var rows = new List<SideEffect>();
        await foreach (var row in azurite.StorageAccount.GetTableClient(CrashCase.SideEffectTable(taskHub)).QueryAsync())
        {
            rows.Add(new SideEffect(row.GetString("InstanceId")!, row.GetString("TaskName")!, row.GetString("Input")!));
        }

        return rows;
    }

    /// <summary>What a quarantined message was, and whether its instance had already applied it: the clue to what went wrong.</summary>
    private static string Explain(QuarantinedMessage quarantined, Dictionary<string, InstanceHistory?> histories)
    {
        var message = JsonSerializer.Deserialize<TaskMessage>(quarantined.Body[(quarantined.Body.IndexOf('.', StringComparison.Ordinal) + 1)..], DurableJson.Options)!;
        var history = histories.GetValueOrDefault(message.InstanceId);
        var fate = message.Event switch
        {
            TaskScheduled task when history?.Events.Any(e => e is TaskCompleted done && done.TaskId == task.TaskId) == true =>
                "its task had completed (a duplicate)",
            TaskScheduled => "its task never completed",
            _ when history?.Steps.FirstOrDefault(s => s.ConsumedMessageIds.Contains(message.Id)) is { } step =>
                $"already applied by step {step.Sequence}: quarantined instead of redone (its sends re-sent, its index entry written)",
            _ => "never applied: LOST",
        };
        return $"  {quarantined.Queue} {message.Event.GetType().Name} {message.Id} — {quarantined.Reason} — {fate}";
    }

    private static IEnumerable<string> CheckInstance(Case c, OrchestrationMetadata? instance, string? expectedOutput, IReadOnlyList<HistoryEvent> history)
    {
        var events = string.Join(", ", history.Select(e => e.GetType().Name));
        if (instance is not { RuntimeStatus: OrchestrationRuntimeStatus.Completed })
        {
            yield return $"{c.InstanceId} ({c.Timing}) is {instance?.RuntimeStatus.ToString() ?? "missing"}, " +
                         $"custom status {instance?.SerializedCustomStatus ?? "none"}; history: {events}";
        }
        else if (instance.SerializedOutput != expectedOutput)
        {
            yield return $"{c.InstanceId} ({c.Timing}) output {instance.SerializedOutput}, crash-free run gave {expectedOutput}";
        }

        if (history.OfType<ExecutionCompleted>().Count() != 1)
        {
            yield return $"{c.InstanceId}: {history.OfType<ExecutionCompleted>().Count()} ExecutionCompleted events; history: {events}";
        }

        foreach (var twice in history.OfType<TaskCompleted>().GroupBy(t => t.TaskId).Where(g => g.Count() > 1))
        {
            yield return $"{c.InstanceId}: task {twice.Key} completed {twice.Count()} times; history: {events}";
        }

        var decisions = history.OfType<EventRaised>().Count(e => e.Name == CrashCase.DecisionEvent);
        if (decisions != 1)
        {
            yield return $"{c.InstanceId} ({c.Timing}): the decision event was delivered {decisions} times; history: {events}";
        }
    }
}
