using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Workflow.App.Durable;
using Xunit;

namespace Workflow.App.Tests.Durable;

/// <summary>
/// What the durable engine does as this app uses it: DTFx's Azure Storage provider on a real Azurite, the Durable Task
/// SDK's orchestrators through the SDK's shims, the app's client and worker (<see cref="TaskHubServices.AddTaskHub"/>).
/// Each test runs its own host on its own task hub; every wait is bounded and polls, and where a test must show that
/// something did NOT happen it first waits for proof that the engine has taken the message in (its history, or its log
/// of what it discarded or abandoned) instead of sleeping and hoping.
/// </summary>
public sealed class EngineContractTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Events_raised_while_the_orchestration_is_busy_are_buffered_and_taken_in_the_order_raised()
    {
        var gate = new ActivityGate();
        await using var host = await StartAsync(services => services
            .AddSingleton(gate)
            .AddTaskActivity<HoldActivity>(ContractNames.Hold)
            .AddTaskOrchestrator<BufferedEventsOrchestrator>(ContractNames.BufferedEvents));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(ContractNames.BufferedEvents, 3);
        await gate.Entered.WaitAsync(TaskHubHost.Deadline);
        foreach (var note in new[] { "first", "second", "third" })
        {
            await host.Client.RaiseEventAsync(id, "note", note);
        }

        // All three are in the history while the activity still holds the orchestration: they came before any wait.
        await host.WaitForHistoryAsync(id, history => TaskHubHost.RaisedEvents(history).Count() == 3, "the three notes received");
        gate.Release();

        var ended = await host.WaitForEndAsync(id);
        Assert.True(ended.RuntimeStatus == OrchestrationRuntimeStatus.Completed, TaskHubHost.Describe(ended));
        Assert.Equal("first,second,third", ended.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_event_beats_a_pending_timer_which_is_then_cancelled_and_never_fires()
    {
        await using var host = await StartAsync(services => services
            .AddTaskOrchestrator<EventOrTimerOrchestrator>(ContractNames.EventOrTimer));

        var hour = (int)TimeSpan.FromHours(1).TotalSeconds;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(ContractNames.EventOrTimer, hour);
        var waiting = await host.WaitForAsync(id, IsWaiting, "to wait for its approval");
        await host.Client.RaiseEventAsync(id, "approve", "yes");

        var ended = await host.WaitForEndAsync(id);
        Assert.True(ended.RuntimeStatus == OrchestrationRuntimeStatus.Completed, TaskHubHost.Describe(ended));
        Assert.Equal("event yes, timer cancelled", ended.ReadOutputAs<string>());
        Assert.True(ended.LastUpdatedAt < waiting.CreatedAt.AddHours(1), "It completed before the timer's time.");
        var history = await HistoryAsync(host, id);
        Assert.Single(history.OfType<TimerCreatedEvent>());
        Assert.Empty(history.OfType<TimerFiredEvent>());
    }

    [Fact]
    public async Task A_timer_beats_an_event_that_never_comes()
    {
        await using var host = await StartAsync(services => services
            .AddTaskOrchestrator<EventOrTimerOrchestrator>(ContractNames.EventOrTimer));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(ContractNames.EventOrTimer, 2);

        var ended = await host.WaitForEndAsync(id);
        Assert.True(ended.RuntimeStatus == OrchestrationRuntimeStatus.Completed, TaskHubHost.Describe(ended));
        Assert.Equal("timer", ended.ReadOutputAs<string>());
        var history = await HistoryAsync(host, id);
        Assert.Single(history.OfType<TimerFiredEvent>());
        Assert.Empty(history.OfType<EventRaisedEvent>());
    }

    [Fact]
    public async Task A_decision_raised_again_after_its_step_took_the_first_is_never_applied_twice()
    {
        var runs = new ActivityRuns();
        await using var host = await StartAsync(services => services
            .AddSingleton(runs)
            .AddTaskActivity<ApplyActivity>(ContractNames.Apply)
            .AddTaskOrchestrator<SubmitThenVerifyOrchestrator>(ContractNames.SubmitThenVerify));
        var client = host.Client;

        // One unit submits, the orchestration takes it and moves on to verify-1, then the submit comes again (a double
        // click, the redelivery sweep).
        var afterStep = await client.ScheduleNewOrchestrationInstanceAsync(ContractNames.SubmitThenVerify);
        // Another's two submits come back to back, likely in one batch of messages.
        var backToBack = await client.ScheduleNewOrchestrationInstanceAsync(ContractNames.SubmitThenVerify);
        await host.WaitForAsync(afterStep, i => i.ReadCustomStatusAs<string>() == "submit-1", "to wait for submit-1");
        await host.WaitForAsync(backToBack, i => i.ReadCustomStatusAs<string>() == "submit-1", "to wait for submit-1");

        await client.RaiseEventAsync(afterStep, "submit-1", "first");
        await host.WaitForAsync(afterStep, i => i.ReadCustomStatusAs<string>() == "verify-1", "to take the submit and wait for verify-1");
        await client.RaiseEventAsync(afterStep, "submit-1", "second");
        await client.RaiseEventAsync(backToBack, "submit-1", "first");
        await client.RaiseEventAsync(backToBack, "submit-1", "second");
        await host.WaitForHistoryAsync(afterStep, h => TaskHubHost.RaisedEvents(h).Count(e => e == "submit-1") == 2, "both submits received");
        await client.RaiseEventAsync(afterStep, "verify-1", "ok");
        await client.RaiseEventAsync(backToBack, "verify-1", "ok");

        foreach (var id in new[] { afterStep, backToBack })
        {
            var ended = await host.WaitForEndAsync(id);
            Assert.True(ended.RuntimeStatus == OrchestrationRuntimeStatus.Completed, TaskHubHost.Describe(ended));
            Assert.Equal("submit-1=first;verify-1=ok", ended.ReadOutputAs<string>());
            Assert.Equal(["submit-1=first", "verify-1=ok"], runs.Of(id).Select(r => r.What));
            // The second submit was received, and stays unread under a step that is over.
            Assert.Equal(2, TaskHubHost.RaisedEvents(await HistoryAsync(host, id)).Count(e => e == "submit-1"));
        }
    }

    [Fact]
    public async Task Continue_as_new_preserving_unprocessed_events_hands_an_event_to_the_next_execution()
    {
        var gate = new ActivityGate();
        await using var host = await StartAsync(services => services
            .AddSingleton(gate)
            .AddTaskActivity<HoldActivity>(ContractNames.Hold)
            .AddTaskOrchestrator<ContinueWithEventsOrchestrator>(ContractNames.ContinueWithEvents));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(ContractNames.ContinueWithEvents, 0);
        await gate.Entered.WaitAsync(TaskHubHost.Deadline);
        await host.Client.RaiseEventAsync(id, "ping", "early");
        var first = await host.WaitForHistoryAsync(id, h => TaskHubHost.RaisedEvents(h).Contains("ping"), "ping received by the first execution");
        var firstExecution = first.OfType<ExecutionStartedEvent>().Single().OrchestrationInstance.ExecutionId;
        gate.Release();

        var ended = await host.WaitForEndAsync(id);
        Assert.True(ended.RuntimeStatus == OrchestrationRuntimeStatus.Completed, TaskHubHost.Describe(ended));
        Assert.Equal("execution 1 received early", ended.ReadOutputAs<string>());
        var last = await HistoryAsync(host, id);
        Assert.NotEqual(firstExecution, last.OfType<ExecutionStartedEvent>().Single().OrchestrationInstance.ExecutionId);
    }

    [Fact]
    public async Task A_failing_sub_orchestration_reaches_its_parent_as_TaskFailedException_with_the_childs_error()
    {
        await using var host = await StartAsync(services => services
            .AddTaskOrchestrator<ParentOrchestrator>(ContractNames.Parent)
            .AddTaskOrchestrator<FailingChildOrchestrator>(ContractNames.FailingChild));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(ContractNames.Parent, "case 7");

        var ended = await host.WaitForEndAsync(id);
        Assert.True(ended.RuntimeStatus == OrchestrationRuntimeStatus.Completed, TaskHubHost.Describe(ended));
        Assert.Equal($"{ContractNames.FailingChild}|System.InvalidOperationException|The child refused case 7.", ended.ReadOutputAs<string>());

        // The child's own record: the Azure Storage provider keeps no failure details in its Instances table, only
        // "{ErrorType}: {ErrorMessage}" as the output, in plain text (not JSON: ReadOutputAs would throw); the client
        // reads the failure back from it.
        var child = await host.Client.GetInstanceAsync($"{id}-child", getInputsAndOutputs: true);
        Assert.True(child is { RuntimeStatus: OrchestrationRuntimeStatus.Failed }, TaskHubHost.Describe(child));
        Assert.Equal("System.InvalidOperationException: The child refused case 7.", child.SerializedOutput);
        Assert.Equal(("System.InvalidOperationException", "The child refused case 7."), (child.FailureDetails!.ErrorType, child.FailureDetails.ErrorMessage));
    }

    [Fact]
    public async Task A_retry_policy_runs_a_failing_activity_again_after_its_interval_give_or_take_a_second_and_fails_once_attempts_run_out()
    {
        var runs = new ActivityRuns();
        await using var host = await StartAsync(services => services
            .AddSingleton(runs)
            .AddTaskActivity<FlakyActivity>(ContractNames.Flaky)
            .AddTaskOrchestrator<RetryingOrchestrator>(ContractNames.Retrying));
        var client = host.Client;

        var oneSecond = await client.ScheduleNewOrchestrationInstanceAsync(ContractNames.Retrying, new RetryInput(3, 1));
        var threeSeconds = await client.ScheduleNewOrchestrationInstanceAsync(ContractNames.Retrying, new RetryInput(3, 3));
        var tooFew = await client.ScheduleNewOrchestrationInstanceAsync(ContractNames.Retrying, new RetryInput(2, 1));

        foreach (var (id, interval) in new[] { (oneSecond, TimeSpan.FromSeconds(1)), (threeSeconds, TimeSpan.FromSeconds(3)) })
        {
            var succeeded = await host.WaitForEndAsync(id);
            Assert.True(succeeded.RuntimeStatus == OrchestrationRuntimeStatus.Completed, TaskHubHost.Describe(succeeded));
            Assert.Equal("attempt 3 succeeded", succeeded.ReadOutputAs<string>());
            var attempts = runs.Of(id);
            Assert.Equal(3, attempts.Count);

            // After each failure the engine sets a durable timer the policy's interval after it took the failure in...
            var history = await HistoryAsync(host, id);
            var failures = history.OfType<TaskFailedEvent>().ToList();
            var timers = history.OfType<TimerCreatedEvent>().ToList();
            Assert.Equal(2, failures.Count);
            Assert.Equal(2, timers.Count);
            for (var i = 0; i < 2; i++)
            {
                var fireAt = Utc(timers[i].FireAt);
                Assert.True(fireAt - Utc(failures[i].Timestamp) >= interval, $"Retry timer {i + 1} is due at {fireAt:O}, failure at {failures[i].Timestamp:O}.");

                // ...and the next attempt runs no sooner than a second before that timer's time: the provider makes a
                // timer's message visible after whole seconds, rounded down, so a timer fires up to a second early (a
                // one-second retry was seen to run again within 100 ms). Longer intervals are kept, less that second.
                var gap = attempts[i + 1].At - attempts[i].At;
                Assert.True(attempts[i + 1].At >= fireAt - TimeSpan.FromSeconds(1),
                    $"Attempt {i + 2} ran at {attempts[i + 1].At:O}, {gap.TotalMilliseconds:F0} ms after attempt {i + 1}; its timer was due at {fireAt:O}.");
            }
        }

        var failed = await host.WaitForEndAsync(tooFew);
        Assert.True(failed.RuntimeStatus == OrchestrationRuntimeStatus.Failed, TaskHubHost.Describe(failed));
        Assert.Equal(2, runs.Of(tooFew).Count);
        // The orchestration fails with the SDK's TaskFailedException for the activity, its message naming the last attempt's error.
        Assert.StartsWith("Microsoft.DurableTask.TaskFailedException: ", failed.SerializedOutput, StringComparison.Ordinal);
        Assert.Contains($"Attempt 2 for {tooFew} fails.", failed.SerializedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_terminated_instance_stays_terminated_and_a_later_event_is_discarded()
    {
        await using var host = await StartAsync(services => services
            .AddTaskOrchestrator<WaitForEventOrchestrator>(ContractNames.WaitForEvent));
        var client = host.Client;

        var id = await client.ScheduleNewOrchestrationInstanceAsync(ContractNames.WaitForEvent);
        await host.WaitForAsync(id, IsWaiting, "to wait for go");
        await client.TerminateInstanceAsync(id, new TerminateInstanceOptions { Output = "stopped by the county" });
        var terminated = await host.WaitForEndAsync(id);
        Assert.True(terminated.RuntimeStatus == OrchestrationRuntimeStatus.Terminated, TaskHubHost.Describe(terminated));
        Assert.Equal("stopped by the county", terminated.ReadOutputAs<string>());

        await client.RaiseEventAsync(id, "go", "too late");
        // The engine takes the event off the queue and drops it, saying so: proof it has been seen, not just not yet.
        var discarded = await host.WaitForLogAsync(l => l.Contains($"[DiscardingWorkItem]: {id}: Discarding", StringComparison.Ordinal), "the late event discarded");
        Assert.EndsWith("Instance is Terminated", discarded, StringComparison.Ordinal);

        var after = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.True(after is { RuntimeStatus: OrchestrationRuntimeStatus.Terminated }, TaskHubHost.Describe(after));
        Assert.Equal("stopped by the county", after.ReadOutputAs<string>());
        Assert.Equal(terminated.LastUpdatedAt, after.LastUpdatedAt);
        Assert.DoesNotContain("go", TaskHubHost.RaisedEvents(await HistoryAsync(host, id)));
    }

    [Fact]
    public async Task An_event_raised_before_the_first_episode_is_written_is_dropped_as_no_such_instance_so_orchestrations_that_send_links_checkpoint_first()
    {
        // A worker that died holding the start message (or died after queuing the first episode's activities, before
        // writing its history) leaves the instance Pending with no history while the message is locked. Here the test
        // holds the lock itself: the client alone starts the instance, the test takes the start message off the queue.
        var hub = TaskHubHost.NewHubName();
        string id;
        await using (var clientOnly = await StartAsync(hub, services => services.RemoveAll<IHostedService>()))
        {
            id = await clientOnly.Client.ScheduleNewOrchestrationInstanceAsync(ContractNames.WaitForEvent);
            var control = azurite.Queues.GetQueueClient($"{hub}-control-00");
            var held = await control.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
            Assert.NotNull(held.Value);
            await clientOnly.Client.RaiseEventAsync(id, "go", "decided while the start was locked");
        }

        await using var host = await StartAsync(hub, services => services
            .AddTaskOrchestrator<WaitForEventOrchestrator>(ContractNames.WaitForEvent));
        var dropped = await host.WaitForLogAsync(l => l.Contains($"[DiscardingWorkItem]: {id}: Discarding", StringComparison.Ordinal), "the early event dropped");
        Assert.EndsWith("No such instance", dropped, StringComparison.Ordinal);

        // Once the lock runs out the start is taken, and the orchestration waits for an event it will never get.
        await host.WaitForAsync(id, IsWaiting, "to start once the start message is visible again");
        var history = await HistoryAsync(host, id);
        Assert.DoesNotContain("go", TaskHubHost.RaisedEvents(history));
    }

    [Fact]
    public async Task An_event_raised_while_suspended_waits_until_the_instance_is_resumed()
    {
        await using var host = await StartAsync(services => services
            .AddTaskOrchestrator<WaitForEventOrchestrator>(ContractNames.WaitForEvent));
        var client = host.Client;

        var id = await client.ScheduleNewOrchestrationInstanceAsync(ContractNames.WaitForEvent);
        await host.WaitForAsync(id, IsWaiting, "to wait for go");
        await client.SuspendInstanceAsync(id, "county review");
        await host.WaitForAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, "to be suspended");

        await client.RaiseEventAsync(id, "go", "while suspended");
        // The engine has taken the event in (it is in the history, written in the same step as any completion would be)
        // and yet the orchestration did not run on it.
        var history = await host.WaitForHistoryAsync(id, h => TaskHubHost.RaisedEvents(h).Contains("go"), "go received");
        Assert.Empty(history.OfType<ExecutionCompletedEvent>());
        var suspended = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.True(suspended is { RuntimeStatus: OrchestrationRuntimeStatus.Suspended }, TaskHubHost.Describe(suspended));

        await client.ResumeInstanceAsync(id, "review done");
        var ended = await host.WaitForEndAsync(id);
        Assert.True(ended.RuntimeStatus == OrchestrationRuntimeStatus.Completed, TaskHubHost.Describe(ended));
        Assert.Equal("got while suspended", ended.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_deletes_an_ended_instance_and_refuses_a_running_one()
    {
        await using var host = await StartAsync(services => services
            .AddTaskOrchestrator<WaitForEventOrchestrator>(ContractNames.WaitForEvent));
        var client = host.Client;

        var id = await client.ScheduleNewOrchestrationInstanceAsync(ContractNames.WaitForEvent);
        await host.WaitForAsync(id, IsWaiting, "to wait for go");
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.PurgeInstanceAsync(id));
        var running = await client.GetInstanceAsync(id);
        Assert.True(running is { RuntimeStatus: OrchestrationRuntimeStatus.Running }, TaskHubHost.Describe(running));

        await client.RaiseEventAsync(id, "go", "done");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitForEndAsync(id)).RuntimeStatus);
        var purged = await client.PurgeInstanceAsync(id);

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await client.GetInstanceAsync(id));
        Assert.Empty(await HistoryAsync(host, id));
        Assert.Equal(0, (await client.PurgeInstanceAsync(id)).PurgedInstanceCount);
    }

    [Fact]
    public async Task An_orchestrator_changed_under_a_running_instance_fails_it_as_non_deterministic_on_its_next_event()
    {
        var hub = TaskHubHost.NewHubName();
        string id;
        await using (var before = await StartAsync(hub, services => services
            .AddTaskActivity<StepActivity>(ContractNames.StepA)
            .AddTaskActivity<StepActivity>(ContractNames.StepB)
            .AddTaskOrchestrator<DriftBeforeOrchestrator>(ContractNames.Drift)))
        {
            id = await before.Client.ScheduleNewOrchestrationInstanceAsync(ContractNames.Drift);
            await before.WaitForAsync(id, IsWaiting, "to run step A and wait for go");
        }

        // A deployment: the same hub, the same orchestrator name, a class that now calls step B first.
        await using var after = await StartAsync(hub, services => services
            .AddTaskActivity<StepActivity>(ContractNames.StepA)
            .AddTaskActivity<StepActivity>(ContractNames.StepB)
            .AddTaskOrchestrator<DriftAfterOrchestrator>(ContractNames.Drift));
        await after.Client.RaiseEventAsync(id, "go", "now");

        var ended = await after.WaitForEndAsync(id);
        Assert.True(ended.RuntimeStatus == OrchestrationRuntimeStatus.Failed, TaskHubHost.Describe(ended));
        // DTFx's whole message, as the output (read back by the client as the failure's type and message):
        // "DurableTask.Core.Exceptions.NonDeterministicOrchestrationException: Non-Deterministic workflow detected: A previous
        // execution of this orchestration scheduled an activity task with sequence number 0 named 'ContractStepA', but the
        // current orchestration replay instead scheduled an activity task named 'ContractStepB' with this sequence number.
        // Was a change made to the orchestrator code after this instance had already started running?"
        Assert.Equal("DurableTask.Core.Exceptions.NonDeterministicOrchestrationException", ended.FailureDetails?.ErrorType);
        var message = ended.SerializedOutput ?? string.Empty;
        Assert.StartsWith("DurableTask.Core.Exceptions.NonDeterministicOrchestrationException: Non-Deterministic workflow detected:", message, StringComparison.Ordinal);
        Assert.Contains($"named '{ContractNames.StepA}'", message, StringComparison.Ordinal);
        Assert.Contains($"named '{ContractNames.StepB}'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starting_an_id_that_is_running_is_refused_and_an_ended_id_can_be_started_again()
    {
        await using var host = await StartAsync(services => services
            .AddTaskOrchestrator<WaitForEventOrchestrator>(ContractNames.WaitForEvent));
        var client = host.Client;
        var id = $"case-{Guid.NewGuid():N}";
        var options = new StartOrchestrationOptions(id);

        await client.ScheduleNewOrchestrationInstanceAsync(ContractNames.WaitForEvent, options);
        // Refused while pending (not yet taken by the worker) and while running.
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => client.ScheduleNewOrchestrationInstanceAsync(ContractNames.WaitForEvent, options));
        await host.WaitForAsync(id, IsWaiting, "to wait for go");
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => client.ScheduleNewOrchestrationInstanceAsync(ContractNames.WaitForEvent, options));
        await client.RaiseEventAsync(id, "go", "first");
        Assert.Equal("got first", (await host.WaitForEndAsync(id)).ReadOutputAs<string>());

        Assert.Equal(id, await client.ScheduleNewOrchestrationInstanceAsync(ContractNames.WaitForEvent, options));
        await host.WaitForAsync(id, i => !i.IsCompleted, "to start again");
        await client.RaiseEventAsync(id, "go", "second");
        var again = await host.WaitForEndAsync(id);
        Assert.True(again.RuntimeStatus == OrchestrationRuntimeStatus.Completed, TaskHubHost.Describe(again));
        Assert.Equal("got second", again.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_county_timer_waits_for_the_county_clock_rechecking_it_no_faster_than_asked_and_fires_once_the_clock_passes_its_due_time()
    {
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
        var clock = new ManualClock(start);
        var recheck = TimeSpan.FromSeconds(1);
        await using var host = await StartAsync(
            services => services
                .AddSingleton<TimeProvider>(clock)
                .AddTaskOrchestrator<CountyDeadlineOrchestrator>(ContractNames.CountyDeadline),
            ("Durable:TimerRecheckInterval", "00:00:01"));

        var due = start.AddDays(30);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(ContractNames.CountyDeadline, due);
        // Two rechecks of a clock that stands still: the timer slept, read the county clock, found it short of due and slept again.
        var history = await host.WaitForHistoryAsync(id, h => h.OfType<TimerFiredEvent>().Count() >= 2, "two timers fired");
        Assert.Empty(history.OfType<ExecutionCompletedEvent>());
        var waiting = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.True(waiting is { RuntimeStatus: OrchestrationRuntimeStatus.Running }, TaskHubHost.Describe(waiting));
        // Each wake-up came no sooner than the recheck interval after the sleep began (a one-second timer that fired at
        // once, as the provider's whole-second rounding makes it, would re-read the clock many times a second).
        foreach (var (slept, woke) in TimerSleeps(history))
        {
            Assert.True(woke - slept >= recheck, $"A timer set at {slept:O} woke the orchestration at {woke:O}.");
        }

        clock.Advance(TimeSpan.FromDays(31));
        var ended = await host.WaitForEndAsync(id);
        Assert.True(ended.RuntimeStatus == OrchestrationRuntimeStatus.Completed, TaskHubHost.Describe(ended));
        var seen = ended.ReadOutputAs<DateTimeOffset>();
        Assert.True(seen >= due, $"It completed at county time {seen:O}, before its due time {due:O}.");
    }

    // Observed and deterministic: the SDK deserializes an event's payload when it hands it to the waiting orchestration,
    // inside the engine's step. The JsonException fails the whole step, so DTFx records nothing (no EventRaised in the
    // history, no failure), abandons the message back to the control queue with a growing delay (2, 4, 8 … s, up to 10 min,
    // for ever) and backs the worker's orchestration dispatcher off for 10 s after each attempt. The instance stays Running
    // and waiting; nothing but the logs shows it. The app raises events only with the types its orchestrations await.
    [Fact]
    public async Task A_malformed_event_payload_is_never_recorded_the_engine_keeps_retrying_it_and_the_instance_stays_running()
    {
        await using var host = await StartAsync(services => services
            .AddTaskOrchestrator<QuantityOrchestrator>(ContractNames.Quantity));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(ContractNames.Quantity);
        await host.WaitForAsync(id, IsWaiting, "to wait for a quantity");
        await host.Client.RaiseEventAsync(id, "quantity", "three");

        var failure = await host.WaitForLogAsync(l => l.Contains($"[ProcessWorkItemFailed]", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal), "the step failed");
        Assert.Contains("System.Text.Json.JsonException", failure, StringComparison.Ordinal);
        Assert.Contains("Backing off for 10 seconds", failure, StringComparison.Ordinal);
        await host.WaitForLogAsync(l => l.Contains($"[AbandoningMessage]: {id}: Abandoning [EventRaised] message", StringComparison.Ordinal), "the event abandoned back to its queue");

        var after = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.True(after is { RuntimeStatus: OrchestrationRuntimeStatus.Running } && IsWaiting(after), TaskHubHost.Describe(after));
        Assert.Empty(TaskHubHost.RaisedEvents(await HistoryAsync(host, id)));
    }

    [Fact]
    public async Task A_malformed_event_read_by_the_orchestration_itself_is_logged_and_passed_over_and_the_next_good_one_is_taken()
    {
        await using var host = await StartAsync(services => services
            .AddTaskOrchestrator<QuantityReadOrchestrator>(ContractNames.QuantityRead));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(ContractNames.QuantityRead);
        await host.WaitForAsync(id, IsWaiting, "to wait for a quantity");
        await host.Client.RaiseEventAsync(id, "quantity", "three");
        await host.WaitForLogAsync(l => l.Contains("does not read as Quantity; passed over", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal),
            "the bad event passed over");
        await host.Client.RaiseEventAsync(id, "quantity", new Quantity(3));

        var ended = await host.WaitForAsync(id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Completed, "to complete with the good event");
        Assert.Equal(3, ended.ReadOutputAs<int>());
        Assert.Equal(2, TaskHubHost.RaisedEvents(await HistoryAsync(host, id)).Count());
    }

    private static bool IsWaiting(OrchestrationMetadata instance) =>
        instance.RuntimeStatus == OrchestrationRuntimeStatus.Running && instance.ReadCustomStatusAs<string>() == ContractNames.Waiting;

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    /// <summary>
    /// For each timer that fired: when the step that set it began (the orchestration's clock then) and when the step it
    /// woke began. A step's OrchestratorStarted event carries its time; a TimerFired names its TimerCreated by event id.
    /// </summary>
    private static IEnumerable<(DateTimeOffset Slept, DateTimeOffset Woke)> TimerSleeps(IEnumerable<HistoryEvent> history)
    {
        var stepStarted = DateTimeOffset.MinValue;
        var set = new Dictionary<int, DateTimeOffset>();
        foreach (var e in history)
        {
            switch (e)
            {
                case OrchestratorStartedEvent started:
                    stepStarted = Utc(started.Timestamp);
                    break;
                case TimerCreatedEvent created:
                    set[created.EventId] = stepStarted;
                    break;
                case TimerFiredEvent fired:
                    yield return (set[fired.TimerId], stepStarted);
                    break;
            }
        }
    }

    private static Task<IReadOnlyList<HistoryEvent>> HistoryAsync(TaskHubHost host, string id) =>
        ((TaskHubClient)host.Client).GetHistoryEventsAsync(id);

    private Task<TaskHubHost> StartAsync(Action<IServiceCollection> register, params (string Key, string Value)[] settings) =>
        StartAsync(TaskHubHost.NewHubName(), register, settings);

    private Task<TaskHubHost> StartAsync(string hub, Action<IServiceCollection> register, params (string Key, string Value)[] settings) =>
        TaskHubHost.StartAsync(azurite.ConnectionString, hub, register, settings);
}
