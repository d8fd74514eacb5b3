using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Workflow.Durable;
using Xunit;

namespace Workflow.Durable.Tests.Contract;

/// <summary>
/// The runtime's behaviour, written once and run against every backend: whatever stores the state, an
/// orchestration must do the same.
/// </summary>
public abstract class DurableContractTests
{
    protected abstract Task<IDurableStore> CreateStoreAsync();

    private static DurableTaskRegistry Registry() => new DurableTaskRegistry()
        .AddActivity<string, string>("Greet", (_, name) => Task.FromResult($"你好，{name}"))
        .AddActivity<int, int>("Double", (_, n) => Task.FromResult(n * 2))
        .AddActivity<string, string>("Fail", (_, why) => throw new InvalidOperationException(why));

    [Fact]
    public async Task Activity_chain_completes_with_its_output()
    {
        var registry = Registry().AddOrchestrator<int, int>("Chain", async (ctx, n) =>
        {
            for (var i = 0; i < 5; i++)
            {
                n = await ctx.CallActivityAsync<int>("Double", n);
            }

            return n;
        });
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 3);
        var done = await host.RunToEndAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(96, done.ReadOutputAs<int>());
        var history = await host.Client.GetHistoryAsync(id);
        Assert.Equal(5, history.OfType<TaskScheduled>().Count());
        Assert.Equal(5, history.OfType<TaskCompleted>().Count());
    }

    [Fact]
    public async Task Chinese_text_round_trips_through_inputs_and_outputs()
    {
        var registry = Registry().AddOrchestrator<string, string>("Hello", (ctx, name) => ctx.CallActivityAsync<string>("Greet", name));
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Hello", "勤丰镇审批人");

        Assert.Equal("你好，勤丰镇审批人", (await host.RunToEndAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Activity_failure_is_catchable_with_type_message_and_stack()
    {
        var registry = Registry().AddOrchestrator<string, string>("Catch", async (ctx, _) =>
        {
            try
            {
                await ctx.CallActivityAsync<string>("Fail", "公示期内有异议");
                return "not reached";
            }
            catch (TaskFailedException e)
            {
                return $"{e.FailureDetails.ErrorType}|{e.FailureDetails.ErrorMessage}|{e.FailureDetails.StackTrace is { Length: > 0 }}";
            }
        });
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Catch", "x");

        Assert.Equal("System.InvalidOperationException|公示期内有异议|True", (await host.RunToEndAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Uncaught_failure_ends_the_instance_failed_with_details()
    {
        var registry = Registry().AddOrchestrator<string, string>("Uncaught", (ctx, _) => ctx.CallActivityAsync<string>("Fail", "材料不全"));
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Uncaught", "x");
        var done = await host.RunToEndAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("材料不全", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_policy_retries_until_the_activity_succeeds()
    {
        var attempts = 0;
        var registry = Registry()
            .AddActivity<string, int>("Flaky", (_, _) => Interlocked.Increment(ref attempts) < 3 ? throw new TimeoutException("暂时不可用") : Task.FromResult(attempts))
            .AddOrchestrator<string, int>("Retrying", (ctx, _) =>
                ctx.CallActivityAsync<int>("Flaky", null, new TaskOptions(new RetryPolicy(5, TimeSpan.FromMilliseconds(20), 2.0))));
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retrying", "x");
        var done = await host.RunToEndAsync(id);

        Assert.Equal(3, done.ReadOutputAs<int>());
        Assert.Equal(2, (await host.Client.GetHistoryAsync(id)).OfType<TimerCreated>().Count());
    }

    [Fact]
    public async Task Retry_policy_gives_up_after_max_attempts()
    {
        var attempts = 0;
        var registry = Registry()
            .AddActivity<string, int>("AlwaysFails", (_, _) => { Interlocked.Increment(ref attempts); throw new TimeoutException("不可用"); })
            .AddOrchestrator<string, int>("GivesUp", (ctx, _) =>
                ctx.CallActivityAsync<int>("AlwaysFails", null, new TaskOptions(new RetryPolicy(3, TimeSpan.FromMilliseconds(10)))));
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);

        var done = await host.RunToEndAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("GivesUp", "x"));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Events_raised_before_the_wait_are_buffered_first_in_first_out()
    {
        var registry = Registry().AddOrchestrator<string, string>("Buffered", async (ctx, _) =>
        {
            await ctx.CallActivityAsync<string>("Greet", "先做一步");
            var first = await ctx.WaitForExternalEvent<string>("审批");
            var second = await ctx.WaitForExternalEvent<string>("审批");
            return $"{first},{second}";
        });
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Buffered", "x");
        await host.Client.RaiseEventAsync(id, "审批", "乡镇同意");
        await host.Client.RaiseEventAsync(id, "审批", "县级同意");

        Assert.Equal("乡镇同意,县级同意", (await host.RunToEndAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Event_raised_many_times_with_one_id_is_delivered_once()
    {
        var registry = Registry().AddOrchestrator<string, int>("CountEvents", async (ctx, _) =>
        {
            var count = 0;
            while (true)
            {
                var value = await ctx.WaitForExternalEvent<string>("decision");
                if (value == "stop")
                {
                    return count;
                }

                count++;
            }
        });
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CountEvents", "x");
        await host.WaitUntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => host.Client.RaiseEventAsync(id, "decision", "approve", eventId: "link-42")));
        await Task.Delay(300);
        await host.Client.RaiseEventAsync(id, "decision", "stop", eventId: "stop");

        Assert.Equal(1, (await host.RunToEndAsync(id)).ReadOutputAs<int>());
    }

    [Fact]
    public async Task Wait_with_timeout_throws_when_no_event_comes()
    {
        var registry = Registry().AddOrchestrator<string, string>("TimesOut", async (ctx, _) =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("never", TimeSpan.FromMilliseconds(200));
            }
            catch (TaskCanceledException)
            {
                return "超时";
            }
        });
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TimesOut", "x");

        Assert.Equal("超时", (await host.RunToEndAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Fan_out_and_fan_in_with_when_all_and_when_any()
    {
        var registry = Registry().AddOrchestrator<int, int>("FanOut", async (ctx, n) =>
        {
            var all = await Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Double", i)));
            var timer = ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
            var quick = ctx.CallActivityAsync<int>("Double", 1000);
            var first = await Task.WhenAny(timer, quick);
            return all.Sum() + (first == quick ? await quick : -1);
        });
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 20);

        Assert.Equal((20 * 21) + 2000, (await host.RunToEndAsync(id)).ReadOutputAs<int>());
    }

    [Fact]
    public async Task Sub_orchestration_result_and_failure_reach_the_parent()
    {
        var registry = Registry()
            .AddOrchestrator<int, int>("Child", async (ctx, n) => n < 0 ? throw new ArgumentOutOfRangeException(nameof(n), "负数") : await ctx.CallActivityAsync<int>("Double", n))
            .AddOrchestrator<int, string>("Parent", async (ctx, n) =>
            {
                var ok = await ctx.CallSubOrchestratorAsync<int>("Child", n, new SubOrchestrationOptions(InstanceId: $"{ctx.InstanceId}-child"));
                try
                {
                    await ctx.CallSubOrchestratorAsync<int>("Child", -1);
                    return "not reached";
                }
                catch (TaskFailedException e)
                {
                    return $"{ok}|{e.FailureDetails.ErrorType}";
                }
            });
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 21, new StartOrchestrationOptions(InstanceId: $"parent-{Guid.NewGuid():N}"));

        Assert.Equal("42|System.ArgumentOutOfRangeException", (await host.RunToEndAsync(id)).ReadOutputAs<string>());
        var child = await host.Client.GetInstanceAsync($"{id}-child");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child!.RuntimeStatus);
        Assert.Equal(id, child.ParentInstanceId);
    }

    [Fact]
    public async Task A_timer_cancelled_before_it_fires_leaves_no_message_waiting_in_the_queue()
    {
        // A step's reminder days ahead, cancelled when the decision comes in time: its message must not sit in the queue
        // until then (on Azurite every queued message, visible or not, slows every queue operation).
        var registry = Registry().AddOrchestrator<int, string>("Reminded", async (ctx, _) =>
        {
            using var stopTimer = new CancellationTokenSource();
            var reminder = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(3), stopTimer.Token);
            var decision = ctx.WaitForExternalEvent<string>("decision");
            await Task.WhenAny(reminder, decision);
            stopTimer.Cancel();
            ctx.SetCustomStatus(await decision);
            return await ctx.WaitForExternalEvent<string>("close");
        });
        var store = await CreateStoreAsync();
        await using var host = new DurableTestHost(store, registry);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Reminded", 0);
        Assert.Equal(1, await WaitForQueueDepthAsync(store, depth => depth == 1));

        await host.Client.RaiseEventAsync(id, "decision", "同意");
        await host.WaitUntilAsync(id, i => i.SerializedCustomStatus is not null);

        Assert.Equal(0, await WaitForQueueDepthAsync(store, depth => depth == 0));
        await host.Client.RaiseEventAsync(id, "close", "办结");
        Assert.Equal("办结", (await host.RunToEndAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_activity_outcome_is_applied_by_the_process_that_ran_it_without_a_trip_through_the_control_queue()
    {
        // The activity takes a moment, so the step that scheduled it has usually let go of the instance when it ends; an
        // outcome that finds the instance busy goes through the queue instead, which the bound below allows twice.
        var registry = Registry().AddActivity<int, int>("SlowDouble", async (_, n) =>
        {
            await Task.Delay(100);
            return n * 2;
        }).AddOrchestrator<int, int>("Chain", async (ctx, n) =>
        {
            for (var i = 0; i < 5; i++)
            {
                n = await ctx.CallActivityAsync<int>("SlowDouble", n);
            }

            return n;
        });
        var (store, counter) = SendCountingStore.Wrap(await CreateStoreAsync());
        await using var host = new DurableTestHost(store, registry);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1);
        var done = await host.RunToEndAsync(id);

        Assert.Equal(32, done.ReadOutputAs<int>());
        Assert.Equal(5, counter.Sent[QueueKind.Activity]);
        // The start goes through the control queue; the outcomes are steps of their own, committed where they were produced
        // (through the queue, all five would be: 6 sends).
        Assert.InRange(counter.Sent[QueueKind.Control], 1, 3);
        var history = await host.Client.GetHistoryAsync(id);
        Assert.Equal(5, history.OfType<TaskCompleted>().Count());
    }

    [Fact]
    public async Task Continue_as_new_starts_a_fresh_history_and_keeps_unprocessed_events()
    {
        var registry = Registry().AddOrchestrator<int, int>("Counter", async (ctx, n) =>
        {
            if (n == 5)
            {
                return await ctx.WaitForExternalEvent<int>("bonus") + n;
            }

            await ctx.CallActivityAsync<int>("Double", n);
            ctx.ContinueAsNew(n + 1);
            return -1;
        });
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);
        await host.Client.RaiseEventAsync(id, "bonus", 100);
        var done = await host.RunToEndAsync(id);

        Assert.Equal(105, done.ReadOutputAs<int>());
        var history = await host.Client.GetHistoryAsync(id);
        Assert.Single(history.OfType<ExecutionStarted>());
        Assert.Empty(history.OfType<TaskScheduled>());
    }

    [Fact]
    public async Task Custom_status_is_visible_and_queryable_by_prefix()
    {
        var registry = Registry().AddOrchestrator<string, string>("WithStatus", async (ctx, _) =>
        {
            ctx.SetCustomStatus("乡镇审核");
            return await ctx.WaitForExternalEvent<string>("go");
        });
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);
        var name = $"WithStatus";
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(name, "x");

        var running = await host.WaitUntilAsync(id, i => i.SerializedCustomStatus is not null);

        Assert.Equal("乡镇审核", running.ReadCustomStatusAs<string>());
        var page = await host.Client.QueryInstancesAsync(new InstanceQuery(CustomStatusPrefix: "\"乡镇"));
        Assert.Contains(page.Instances, i => i.InstanceId == id);
        await host.Client.RaiseEventAsync(id, "go", "ok");
        await host.RunToEndAsync(id);
    }

    [Fact]
    public async Task Query_filters_by_name_status_and_created_range_with_paging()
    {
        var name = $"Q{Guid.NewGuid():N}"[..12];
        var registry = Registry().AddOrchestrator<int, int>(name, (ctx, n) => ctx.CallActivityAsync<int>("Double", n));
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync(name, i));
        }

        foreach (var id in ids)
        {
            await host.RunToEndAsync(id);
        }

        var seen = new List<string>();
        string? continuation = null;
        var query = new InstanceQuery(Name: name, Statuses: [OrchestrationRuntimeStatus.Completed], CreatedFrom: DateTimeOffset.UtcNow.AddHours(-1), PageSize: 3);
        do
        {
            var page = await host.Client.QueryInstancesAsync(query, continuation);
            Assert.True(page.Instances.Count <= 3);
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Empty((await host.Client.QueryInstancesAsync(new InstanceQuery(Name: name, Statuses: [OrchestrationRuntimeStatus.Running]))).Instances);
        Assert.Empty((await host.Client.QueryInstancesAsync(new InstanceQuery(Name: name, CreatedTo: DateTimeOffset.UtcNow.AddHours(-1)))).Instances);
    }

    [Fact]
    public async Task Starting_an_existing_id_conflicts_unless_it_ended_and_restart_is_asked()
    {
        var registry = Registry().AddOrchestrator<int, int>("Once", async (ctx, n) => await ctx.WaitForExternalEvent<int>("go") + n);
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);
        var options = new StartOrchestrationOptions(InstanceId: $"case-{Guid.NewGuid():N}");
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Once", 1, options);
        await host.WaitUntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        var conflict = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Once", 1, options));
        Assert.Equal(OrchestrationRuntimeStatus.Running, conflict.Status);

        await host.Client.RaiseEventAsync(id, "go", 10);
        Assert.Equal(11, (await host.RunToEndAsync(id)).ReadOutputAs<int>());
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Once", 1, options));

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Once", 2, options with { RestartIfEnded = true });
        await host.WaitUntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await host.Client.RaiseEventAsync(id, "go", 20);
        Assert.Equal(22, (await host.WaitUntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Completed)).ReadOutputAs<int>());
    }

    [Fact]
    public async Task Terminate_suspend_and_resume()
    {
        var registry = Registry().AddOrchestrator<string, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("go"));
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);
        var suspended = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", "x");
        var terminated = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", "x");
        await host.WaitUntilAsync(suspended, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await host.Client.SuspendInstanceAsync(suspended, "暂停核查");
        await host.WaitUntilAsync(suspended, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(suspended, "go", "恢复后处理");
        await Task.Delay(200);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(suspended))!.RuntimeStatus);
        await host.Client.ResumeInstanceAsync(suspended);
        Assert.Equal("恢复后处理", (await host.RunToEndAsync(suspended)).ReadOutputAs<string>());

        await host.Client.TerminateInstanceAsync(terminated, "撤回");
        var ended = await host.RunToEndAsync(terminated);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, ended.RuntimeStatus);
        Assert.Equal("撤回", ended.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_removes_ended_instances_only()
    {
        var registry = Registry()
            .AddOrchestrator<int, int>("Quick", (ctx, n) => ctx.CallActivityAsync<int>("Double", n))
            .AddOrchestrator<string, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("go"));
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);
        var ended = await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", 1);
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", "x");
        await host.RunToEndAsync(ended);
        await host.WaitUntilAsync(running, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        Assert.False(await host.Client.PurgeInstanceAsync(running));
        Assert.True(await host.Client.PurgeInstanceAsync(ended));

        Assert.Null(await host.Client.GetInstanceAsync(ended));
        Assert.Empty(await host.Client.GetHistoryAsync(ended));
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task Purge_by_date_removes_every_instance_that_ended_before_it()
    {
        var name = $"P{Guid.NewGuid():N}"[..12];
        var registry = Registry()
            .AddOrchestrator<int, int>(name, (ctx, n) => ctx.CallActivityAsync<int>("Double", n))
            .AddOrchestrator<string, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("go"));
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);
        var ended = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ended.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync(name, i));
        }

        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", "x");
        foreach (var id in ended)
        {
            await host.RunToEndAsync(id);
        }

        await host.WaitUntilAsync(running, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        Assert.Equal(0, await host.Client.PurgeInstancesAsync(DateTimeOffset.UtcNow.AddHours(-1)));
        Assert.Equal(3, await host.Client.PurgeInstancesAsync(DateTimeOffset.UtcNow.AddMinutes(1)));

        foreach (var id in ended)
        {
            Assert.Null(await host.Client.GetInstanceAsync(id));
        }

        Assert.NotNull(await host.Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task Unknown_orchestrator_fails_the_instance_with_a_clear_message()
    {
        await using var host = new DurableTestHost(await CreateStoreAsync(), Registry());

        var done = await host.RunToEndAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("NoSuchWorkflow", "x"));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("No orchestrator named 'NoSuchWorkflow'", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_activity_fails_the_call_with_a_clear_message()
    {
        var registry = Registry().AddOrchestrator<string, string>("CallsMissing", (ctx, _) => ctx.CallActivityAsync<string>("NoSuchActivity"));
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);

        var done = await host.RunToEndAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("CallsMissing", "x"));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("No activity named 'NoSuchActivity'", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_for_an_ended_instance_is_dropped()
    {
        var registry = Registry().AddOrchestrator<int, int>("Quick", (ctx, n) => ctx.CallActivityAsync<int>("Double", n));
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", 4);
        var before = await host.RunToEndAsync(id);

        await host.Client.RaiseEventAsync(id, "late", "迟到的审批");
        await host.Client.RaiseEventAsync("never-started", "late", "x");
        await WaitForQueuesToDrainAsync(host.Store);

        var after = await host.Client.GetInstanceAsync(id);
        Assert.Equal(before.RuntimeStatus, after!.RuntimeStatus);
        Assert.DoesNotContain((await host.Client.GetHistoryAsync(id)).OfType<EventRaised>(), e => e.Name == "late");
    }

    [Fact]
    public async Task Tampered_or_malformed_messages_are_quarantined_and_can_be_redriven()
    {
        var registry = Registry().AddOrchestrator<int, int>("Quick", (ctx, n) => ctx.CallActivityAsync<int>("Double", n));
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);

        await host.Store.SendAsync(QueueKind.Control, "not a message at all", null, default);
        var genuine = new TaskMessageCodec(host.Options.MessageSigningKey).Encode(
            new TaskMessage("m1", "someone", null, new EventRaised("approve", "\"yes\"")));
        await host.Store.SendAsync(QueueKind.Control, genuine.Replace("yes", "no!", StringComparison.Ordinal), null, default);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", 5);

        Assert.Equal(10, (await host.RunToEndAsync(id)).ReadOutputAs<int>());
        var quarantined = await WaitForQuarantineAsync(host.Client, 2);
        Assert.Contains(quarantined, q => q.Reason.Contains("no signature", StringComparison.Ordinal));
        Assert.Contains(quarantined, q => q.Reason.Contains("does not match", StringComparison.Ordinal));

        Assert.True(await host.Client.RedriveQuarantinedMessageAsync(quarantined[0].Id));
        Assert.False(await host.Client.RedriveQuarantinedMessageAsync("no-such-entry"));
    }

    [Fact]
    public async Task Message_delivered_too_often_goes_to_the_quarantine()
    {
        var store = await CreateStoreAsync();
        var options = DurableTestHost.FastOptions();
        options.MaxDequeueCount = 2;
        var registry = Registry().AddOrchestrator<string, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("go"));
        string id;
        await using (var host = new DurableTestHost(store, registry, options))
        {
            id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", "x");
            await host.WaitUntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        }

        var poison = new TaskMessageCodec(options.MessageSigningKey).Encode(new TaskMessage("p1", id, null, new EventRaised("go", "\"毒\"")));
        await store.SendAsync(QueueKind.Control, poison, null, default);

        // Two deliveries that never complete, as when the process handling it dies each time.
        for (var delivery = 0; delivery < 2; delivery++)
        {
            IReadOnlyList<ReceivedMessage> taken = [];
            for (var attempt = 0; attempt < 100 && taken.Count == 0; attempt++)
            {
                taken = await store.ReceiveAsync(QueueKind.Control, 1, TimeSpan.FromSeconds(1), default);
                await Task.Delay(taken.Count == 0 ? 100 : 0);
            }

            Assert.Single(taken);
        }

        await Task.Delay(1100);
        await using (var host = new DurableTestHost(store, registry, options))
        {
            var quarantined = await WaitForQuarantineAsync(host.Client, 1);

            Assert.Contains("Delivered 3 times", Assert.Single(quarantined).Reason, StringComparison.Ordinal);
            await WaitForQueuesToDrainAsync(store);
            Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        }
    }

    [Fact]
    public async Task Replay_safe_logger_writes_each_line_once()
    {
        var logger = new RecordingLogger();
        var registry = Registry().AddOrchestrator<int, int>("Logs", async (ctx, n) =>
        {
            var log = ctx.CreateReplaySafeLogger(logger);
            for (var i = 0; i < 3; i++)
            {
                log.LogInformation("step {Step}", i);
                n = await ctx.CallActivityAsync<int>("Double", n);
            }

            return n;
        });
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);

        await host.RunToEndAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Logs", 1));

        Assert.Equal(["step 0", "step 1", "step 2"], logger.Lines);
    }

    [Fact]
    public async Task Oversize_input_is_refused_before_anything_is_stored()
    {
        await using var host = new DurableTestHost(await CreateStoreAsync(), Registry());
        host.Options.MaxPayloadBytes = 1000;

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("Anything", new string('户', 400), new StartOrchestrationOptions(InstanceId: "too-big")));

        Assert.Contains("limit is 1000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Null(await host.Client.GetInstanceAsync("too-big"));
    }

    [Fact]
    public async Task Large_inputs_and_outputs_round_trip()
    {
        var large = string.Concat(Enumerable.Repeat("建档立卡贫困户佐证材料", 12_000));
        var registry = Registry()
            .AddActivity<string, string>("Echo", (_, text) => Task.FromResult(text + "。"))
            .AddOrchestrator<string, string>("Large", async (ctx, text) =>
            {
                ctx.SetCustomStatus(text[..100]);
                var echoed = await ctx.CallActivityAsync<string>("Echo", text);
                return echoed + await ctx.WaitForExternalEvent<string>("more");
            });
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Large", large);
        await host.Client.RaiseEventAsync(id, "more", large);
        var done = await host.RunToEndAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(large + "。" + large, done.ReadOutputAs<string>());
        Assert.Equal(large, done.ReadInputAs<string>());
    }

    [Fact]
    public async Task Running_instance_keeps_its_version_while_new_ones_start_on_the_new_default()
    {
        var store = await CreateStoreAsync();
        var v1 = Registry().AddOrchestrator<string, string>("Exit", async (ctx, _) => $"v1:{await ctx.WaitForExternalEvent<string>("go")}", version: "1");
        string old;
        await using (var host = new DurableTestHost(store, v1))
        {
            old = await host.Client.ScheduleNewOrchestrationInstanceAsync("Exit", "x");
            await host.WaitUntilAsync(old, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        }

        var both = Registry()
            .AddOrchestrator<string, string>("Exit", async (ctx, _) => $"v1:{await ctx.WaitForExternalEvent<string>("go")}", version: "1")
            .AddOrchestrator<string, string>("Exit", async (ctx, _) => $"v2:{await ctx.WaitForExternalEvent<string>("go")}", version: "2");
        await using (var host = new DurableTestHost(store, both))
        {
            var fresh = await host.Client.ScheduleNewOrchestrationInstanceAsync("Exit", "x");
            await host.WaitUntilAsync(fresh, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);
            await host.Client.RaiseEventAsync(old, "go", "a");
            await host.Client.RaiseEventAsync(fresh, "go", "b");

            Assert.Equal("v1:a", (await host.RunToEndAsync(old)).ReadOutputAs<string>());
            var done = await host.RunToEndAsync(fresh);
            Assert.Equal("v2:b", done.ReadOutputAs<string>());
            Assert.Equal("2", done.Version);
        }
    }

    [Fact]
    public async Task Changed_orchestrator_code_fails_the_instance_naming_both_sides()
    {
        var store = await CreateStoreAsync();
        var before = Registry().AddOrchestrator<string, string>("Changes", async (ctx, _) =>
        {
            await ctx.CallActivityAsync<string>("Greet", "a");
            return await ctx.WaitForExternalEvent<string>("go");
        });
        string id;
        await using (var host = new DurableTestHost(store, before))
        {
            id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Changes", "x");
            await host.WaitUntilAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);
            await WaitForQueuesToDrainAsync(store);
        }

        var after = Registry().AddOrchestrator<string, string>("Changes", async (ctx, _) =>
        {
            await ctx.CallActivityAsync<int>("Double", 1);
            return await ctx.WaitForExternalEvent<string>("go");
        });
        await using (var host = new DurableTestHost(store, after))
        {
            await host.Client.RaiseEventAsync(id, "go", "y");
            var done = await host.RunToEndAsync(id);

            Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
            Assert.Contains("activity 'Greet'", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
            Assert.Contains("activity 'Double'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task New_guid_and_current_time_are_stable_across_replays()
    {
        var registry = Registry().AddOrchestrator<string, string>("Stable", async (ctx, _) =>
        {
            var guid = ctx.NewGuid();
            var time = ctx.CurrentUtcDateTime;
            await ctx.CallActivityAsync<int>("Double", 1);
            await ctx.CallActivityAsync<int>("Double", 2);
            return ctx.NewGuid() == guid ? "collision" : $"{guid}|{time:O}";
        });
        await using var host = new DurableTestHost(await CreateStoreAsync(), registry);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Stable", "x");

        var output = (await host.RunToEndAsync(id)).ReadOutputAs<string>()!;
        var firstStep = (await host.Client.GetHistoryAsync(id)).OfType<OrchestratorStarted>().First();

        Assert.EndsWith(firstStep.Timestamp.ToString("O"), output, StringComparison.Ordinal);
    }

    protected static async Task WaitForQueuesToDrainAsync(IDurableStore store)
    {
        for (var i = 0; i < 400; i++)
        {
            if (await store.GetQueueDepthAsync(QueueKind.Control, default) == 0 && await store.GetQueueDepthAsync(QueueKind.Activity, default) == 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The queues did not drain within 20 s.");
    }

    private static async Task<IReadOnlyList<QuarantinedMessage>> WaitForQuarantineAsync(DurableTaskClient client, int count)
    {
        for (var i = 0; i < 200; i++)
        {
            var listed = await client.ListQuarantinedMessagesAsync();
            if (listed.Count >= count)
            {
                return listed;
            }

            await Task.Delay(25);
        }

        return await client.ListQuarantinedMessagesAsync();
    }

    /// <summary>The control queue's depth (visible or not) once it meets the condition, or after 10 s.</summary>
    private static async Task<int> WaitForQueueDepthAsync(IDurableStore store, Func<int, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var depth = await store.GetQueueDepthAsync(QueueKind.Control, default);
            if (condition(depth) || DateTime.UtcNow > deadline)
            {
                return depth;
            }

            await Task.Delay(25);
        }
    }
}

internal sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue(formatter(state, exception));
}

public sealed class InMemoryContractTests : DurableContractTests
{
    protected override Task<IDurableStore> CreateStoreAsync() => Task.FromResult<IDurableStore>(new InMemoryDurableStore());
}

[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageContractTests(AzuriteFixture azurite) : DurableContractTests
{
    protected override async Task<IDurableStore> CreateStoreAsync()
    {
        var store = new AzureStorageDurableStore(azurite.StorageAccount, new AzureStorageDurableOptions { TaskHubName = $"t{Guid.NewGuid():N}"[..16] });
        await store.CreateIfNotExistsAsync();
        return store;
    }
}
