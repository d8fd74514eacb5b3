using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;
using Workflow.App.Durable;
using Xunit;
using Xunit.Sdk;

namespace Workflow.App.Tests.Durable;

/// <summary>
/// A <see cref="TaskOrchestrationContext"/> (a Moq mock) whose every answer the test scripts, so an orchestrator lives
/// through weeks of deadlines in microseconds: the test owns the engine's clock and the county clock, fires the timers
/// by moving time, raises the events and says what each activity returns. Everything runs on the test's thread: the
/// orchestrator's continuations go to a queue that each driving call (<see cref="Start{TResult}"/>, <see cref="Raise{T}"/>,
/// <see cref="Advance"/>, …) drains before it returns, so afterwards the orchestrator is blocked on exactly what it
/// waits for next, as it would be between two episodes in the real engine.
/// </summary>
/// <remarks>
/// Where it matters for an orchestrator's logic this follows the SDK's worker (TaskOrchestrationContextWrapper and
/// DTFx): activity results, events and inputs pass through the app's <see cref="DataConverter"/>; events raised before
/// anyone waits are kept in order per name; names are case-insensitive; waiters of one name are a stack (the newest gets
/// the next event) and a cancelled waiter stays on it, so an event it would have had is lost; a cancelled timer's task
/// is cancelled. Not simulated: replay, retries (each activity runs once; a thrown exception fails it), the splitting of
/// long timers, sub-orchestrations (they fail with <see cref="NotSupportedException"/>) and entities.
/// </remarks>
internal sealed class ScriptedOrchestrationContext
{
    /// <summary>More timers than this firing at one instant is an orchestrator that re-arms without letting time pass.</summary>
    private const int MaxTimersPerInstant = 1_000;

    private static readonly MethodInfo ScheduleActivityMethod =
        typeof(ScriptedOrchestrationContext).GetMethod(nameof(ScheduleActivity), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private static readonly MethodInfo WaitForEventMethod =
        typeof(ScriptedOrchestrationContext).GetMethod(nameof(WaitForEvent), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private static readonly MethodInfo ReadInputMethod =
        typeof(ScriptedOrchestrationContext).GetMethod(nameof(ReadInput), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly Mock<TaskOrchestrationContext> _mock = new(MockBehavior.Loose) { CallBase = true };
    private readonly ContinuationQueue _queue = new();
    private readonly DataConverter _converter;
    private readonly Dictionary<string, Func<object?, object?>> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _holds = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ActivityCall> _activities = [];
    private readonly List<HeldActivity> _held = [];
    private readonly List<ScheduledTimer> _timers = [];
    private readonly List<DateTime> _timersCreated = [];
    private readonly List<string> _scheduled = [];
    private readonly Dictionary<string, IEventWaiter> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<RaisedEvent> _unread = [];
    private readonly List<object?> _customStatuses = [];
    private readonly List<SentEvent> _sentEvents = [];
    private int _taskIds;
    private int _guids;

    /// <param name="start">Both clocks' time when the orchestration starts: the engine's (UTC) and the county's.</param>
    /// <param name="converter">How payloads are (de)serialized; the app's <see cref="TaskHubServices.Converter"/> by default.</param>
    public ScriptedOrchestrationContext(DateTimeOffset start, string instanceId = "scripted-instance", DataConverter? converter = null)
    {
        EngineNow = start.UtcDateTime;
        CountyNow = start;
        InstanceId = instanceId;
        _converter = converter ?? TaskHubServices.Converter;

        // Every abstract member is set up; the virtual ones (the non-generic CallActivityAsync, CreateTimer(TimeSpan), …)
        // run the SDK's own code (CallBase), which forwards to these, so calls through any overload are seen here.
        _mock.SetupGet(c => c.Name).Returns(() => new TaskName(OrchestratorName));
        _mock.SetupGet(c => c.InstanceId).Returns(() => InstanceId);
        _mock.SetupGet(c => c.Parent).Returns((ParentOrchestrationInstance?)null);
        _mock.SetupGet(c => c.CurrentUtcDateTime).Returns(() => EngineNow);
        _mock.SetupGet(c => c.IsReplaying).Returns(false);
        _mock.SetupGet(c => c.Version).Returns(() => Version);
        _mock.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
        _mock.Setup(c => c.GetInput<It.IsAnyType>())
            .Returns(new InvocationFunc(call => ReadInputMethod.MakeGenericMethod(call.Method.GetGenericArguments()).Invoke(this, null)!));
        _mock.Setup(c => c.CallActivityAsync<It.IsAnyType>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(new InvocationFunc(call => ScheduleActivityMethod.MakeGenericMethod(call.Method.GetGenericArguments())
                .Invoke(this, [call.Arguments[0], call.Arguments[1], call.Arguments[2]])!));
        _mock.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns((DateTime fireAt, CancellationToken cancellationToken) => CreateTimer(fireAt, cancellationToken));
        _mock.Setup(c => c.WaitForExternalEvent<It.IsAnyType>(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(new InvocationFunc(call => WaitForEventMethod.MakeGenericMethod(call.Method.GetGenericArguments())
                .Invoke(this, [call.Arguments[0], call.Arguments[1]])!));
        _mock.Setup(c => c.SetCustomStatus(It.IsAny<object?>())).Callback((object? status) => _customStatuses.Add(status));
        _mock.Setup(c => c.SendEvent(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>()))
            .Callback((string instanceId, string eventName, object payload) => _sentEvents.Add(new SentEvent(instanceId, eventName, payload)));
        _mock.Setup(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>()))
            .Callback((object? newInput, bool preserveUnprocessedEvents) => ContinuedAsNew = new ContinueAsNewCall(newInput, preserveUnprocessedEvents));
        // The options overload's base drops NewVersion on its way to the one above: recorded here, with the version.
        _mock.Setup(c => c.ContinueAsNew(It.IsAny<ContinueAsNewOptions>()))
            .Callback((ContinueAsNewOptions options) =>
                ContinuedAsNew = new ContinueAsNewCall(options.NewInput, options.PreserveUnprocessedEvents, options.NewVersion));
        _mock.Setup(c => c.NewGuid()).Returns(() => new Guid(++_guids, 0, 0, new byte[8]));
        _mock.Setup(c => c.CallSubOrchestratorAsync<It.IsAnyType>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Throws(new NotSupportedException("The scripted context does not run sub-orchestrations yet."));

        // Timers in county time ask the county clock through an activity; a test moves that clock by hand.
        OnActivity<object?, CountyClockReading>(ReadCountyClockActivity.Name, _ => new CountyClockReading(CountyNow, TimerRecheckInterval));
    }

    /// <summary>The context to hand the orchestrator.</summary>
    public TaskOrchestrationContext Context => _mock.Object;

    /// <summary>The mock itself, for a setup or verification the harness does not offer.</summary>
    public Mock<TaskOrchestrationContext> Mock => _mock;

    public string InstanceId { get; set; }

    public string OrchestratorName { get; set; } = "Scripted";

    public string Version { get; set; } = string.Empty;

    /// <summary>What <see cref="TaskOrchestrationContext.GetInput{T}"/> returns (through the converter).</summary>
    public object? Input { get; set; }

    /// <summary>The engine's clock (<see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>): it schedules the timers.</summary>
    public DateTime EngineNow { get; private set; }

    /// <summary>What <see cref="ReadCountyClockActivity"/> reads. Setting it moves the county clock alone: nothing wakes up.</summary>
    public DateTimeOffset CountyNow { get; set; }

    /// <summary>What <see cref="ReadCountyClockActivity"/> answers as the recheck (<see cref="TaskHubOptions.TimerRecheckInterval"/>).</summary>
    public TimeSpan? TimerRecheckInterval { get; set; }

    /// <summary>Every activity the orchestrator called, in order, with the input as it passed it (county clock reads included).</summary>
    public IReadOnlyList<ActivityCall> Activities => _activities;

    /// <summary>The calls held by <see cref="HoldNext"/> that are not released yet.</summary>
    public IReadOnlyList<ActivityCall> InFlight => _held.Select(h => h.Call).ToList();

    /// <summary>When each timer not yet fired or cancelled fires, earliest first.</summary>
    public IReadOnlyList<DateTime> PendingTimers => _timers.OrderBy(t => t.FireAt).ThenBy(t => t.Id).Select(t => t.FireAt).ToList();

    /// <summary>Every timer the orchestrator created, by its fire time, in order of creation.</summary>
    public IReadOnlyList<DateTime> TimersCreated => _timersCreated;

    /// <summary>
    /// Everything the orchestrator scheduled, in order: an activity by its name, a timer as <c>timer</c> and its UTC fire
    /// time ("o" format). What it schedules first tells whether its first episode can hand out a link.
    /// </summary>
    public IReadOnlyList<string> Scheduled => _scheduled;

    /// <summary>Events raised that no wait has taken (yet), in the order raised.</summary>
    public IReadOnlyList<RaisedEvent> UnreadEvents => _unread;

    /// <summary>The last custom status set, or null.</summary>
    public object? CustomStatus => _customStatuses.Count > 0 ? _customStatuses[^1] : null;

    public IReadOnlyList<object?> CustomStatuses => _customStatuses;

    public IReadOnlyList<SentEvent> SentEvents => _sentEvents;

    /// <summary>Set when the orchestrator called ContinueAsNew; a test starts the next execution itself if it wants one.</summary>
    public ContinueAsNewCall? ContinuedAsNew { get; private set; }

    /// <summary>The inputs of the calls to one activity, in order.</summary>
    public IReadOnlyList<TInput> InputsOf<TInput>(string activityName) =>
        _activities.Where(a => a.Is(activityName)).Select(a => (TInput)a.Input!).ToList();

    /// <summary>
    /// Answers calls to <paramref name="activityName"/> with <paramref name="answer"/> of the input (as the activity would
    /// receive it, through the converter). The answer is computed when the activity completes, so it sees the clocks then.
    /// A thrown exception fails the activity as the SDK does (<see cref="TaskFailedException"/>). Replaces an earlier answer.
    /// </summary>
    public ScriptedOrchestrationContext OnActivity<TInput, TOutput>(string activityName, Func<TInput, TOutput> answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        _answers[activityName] = input => answer(_converter.Deserialize<TInput>(_converter.Serialize(input))!);
        return this;
    }

    /// <summary>
    /// The next call to <paramref name="activityName"/> stays in flight until <see cref="Release"/>: what the orchestrator
    /// does when an event or a timer comes first. Called twice, the next two calls are held.
    /// </summary>
    public void HoldNext(string activityName) => _holds[activityName] = _holds.GetValueOrDefault(activityName) + 1;

    /// <summary>Completes the oldest held call of <paramref name="activityName"/> with its scripted answer now, and lets the orchestrator run.</summary>
    public void Release(string activityName)
    {
        var held = _held.FirstOrDefault(h => h.Call.Is(activityName))
            ?? throw new InvalidOperationException($"No call to {activityName} is held.");
        _held.Remove(held);
        Drive(held.Complete);
    }

    /// <summary>Runs the orchestrator until it waits for something only the test can give.</summary>
    public Task<TResult> Start<TResult>(Func<TaskOrchestrationContext, Task<TResult>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Task<TResult>? running = null;
        Drive(() => running = run(Context));
        return running!;
    }

    /// <summary>Runs <paramref name="orchestrator"/> on <paramref name="input"/> (also what GetInput returns).</summary>
    public Task<TResult> Start<TInput, TResult>(TaskOrchestrator<TInput, TResult> orchestrator, TInput input)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        Input = input;
        return Start(context => orchestrator.RunAsync(context, input));
    }

    /// <summary>Raises an event, as a client would; the orchestrator then runs as far as it can.</summary>
    public void Raise<T>(string eventName, T payload) => Drive(() => Deliver(eventName, _converter.Serialize(payload)));

    /// <summary>Time passes: both clocks move together by <paramref name="by"/>, and each timer fires at its time, in order.</summary>
    public void Advance(TimeSpan by) => Move(by, county: true);

    /// <summary>Only the engine's clock moves (timers fire at their times); the county clock stands still.</summary>
    public void AdvanceEngine(TimeSpan by) => Move(by, county: false);

    /// <summary>
    /// Fires the earliest pending timer now, whatever time it was set for, moving no clock: DTFx may fire a timer about
    /// a second early, and an orchestrator must not take that for its deadline. Returns the time it was set for.
    /// </summary>
    public DateTime FireNextTimerNow()
    {
        var timer = NextTimer() ?? throw new InvalidOperationException("No timer is pending.");
        Drive(() => Fire(timer));
        return timer.FireAt;
    }

    /// <summary>True while some wait for <paramref name="eventName"/> has neither had its event nor been cancelled.</summary>
    public bool IsWaitingFor(string eventName)
    {
        for (var waiter = _waiters.GetValueOrDefault(eventName); waiter is not null; waiter = waiter.Next)
        {
            if (!waiter.IsCompleted)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The orchestrator has neither finished nor failed: it waits on a timer, an event or a held activity.</summary>
    public static void AssertSuspended(Task run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Exception is { } failure)
        {
            throw new XunitException($"The orchestrator failed: {failure.InnerException}");
        }

        Assert.False(run.IsCompleted, "The orchestrator finished while it should be waiting.");
    }

    // Test-side actions run with the queue as the synchronization context, so the orchestrator's awaits capture it and
    // every continuation, however it is woken, runs here on the test thread before the action returns.
    private void Drive(Action action)
    {
        var outer = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_queue);
        try
        {
            action();
            _queue.RunUntilIdle();

            // The engine fires a timer that is due without anyone moving time: a start checkpoint's, one set in the past.
            var fired = 0;
            while (NextTimer() is { } due && due.FireAt <= EngineNow)
            {
                if (++fired > MaxTimersPerInstant)
                {
                    throw new InvalidOperationException($"More than {MaxTimersPerInstant} timers fired at {EngineNow:O}: the orchestrator re-arms without letting time pass.");
                }

                Fire(due);
                _queue.RunUntilIdle();
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(outer);
        }
    }

    private void Move(TimeSpan by, bool county)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        var until = EngineNow + by;
        var firedNow = 0;
        while (NextTimer() is { } timer && timer.FireAt <= until)
        {
            firedNow = timer.FireAt > EngineNow ? 1 : firedNow + 1;
            if (firedNow > MaxTimersPerInstant)
            {
                throw new InvalidOperationException($"More than {MaxTimersPerInstant} timers fired at {EngineNow:O}: the orchestrator re-arms without letting time pass.");
            }

            MoveClocksTo(timer.FireAt, county);
            Drive(() => Fire(timer));
        }

        MoveClocksTo(until, county);
    }

    private void MoveClocksTo(DateTime engineTime, bool county)
    {
        // A timer set in the past fires without turning any clock back.
        if (engineTime <= EngineNow)
        {
            return;
        }

        if (county)
        {
            CountyNow += engineTime - EngineNow;
        }

        EngineNow = engineTime;
    }

    private ScheduledTimer? NextTimer() => _timers.OrderBy(t => t.FireAt).ThenBy(t => t.Id).FirstOrDefault();

    private void Fire(ScheduledTimer timer)
    {
        _timers.Remove(timer);
        timer.Registration.Dispose();
        timer.Completion.TrySetResult();
    }

    // Completions are TaskCompletionSources without RunContinuationsAsynchronously: an await resumes inline when
    // completed on the queue's context, or is posted to the queue; either way on this thread, in a fixed order.
    private Task<TResult> ScheduleActivity<TResult>(TaskName name, object? input, TaskOptions? options)
    {
        var call = new ActivityCall(name.Name, input, options, ++_taskIds);
        _activities.Add(call);
        _scheduled.Add(call.Name);
        var completion = new TaskCompletionSource<TResult>();
        void Complete()
        {
            try
            {
                var answer = _answers.TryGetValue(call.Name, out var answering)
                    ? answering(call.Input)
                    : throw new InvalidOperationException($"No answer is scripted for activity {call.Name}.");
                completion.SetResult(_converter.Deserialize<TResult>(_converter.Serialize(answer))!);
            }
#pragma warning disable CA1031 // Whatever the activity throws fails its task, as in the engine.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                completion.SetException(new TaskFailedException(call.Name, call.TaskId, failure));
            }
        }

        if (_holds.GetValueOrDefault(call.Name) is > 0 and var holds)
        {
            _holds[call.Name] = holds - 1;
            _held.Add(new HeldActivity(call, Complete));
        }
        else
        {
            // Not inline: the orchestrator first runs on to its next await, as it does before the engine runs activities.
            _queue.Post(_ => Complete(), null);
        }

        return completion.Task;
    }

    private Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        // As the SDK's worker: always UTC.
        var timer = new ScheduledTimer(fireAt.ToUniversalTime(), ++_taskIds, new TaskCompletionSource());
        _timers.Add(timer);
        _timersCreated.Add(timer.FireAt);
        _scheduled.Add(FormattableString.Invariant($"timer {timer.FireAt:o}"));
        timer.Registration = cancellationToken.Register(() =>
        {
            if (timer.Completion.TrySetCanceled(cancellationToken))
            {
                _timers.Remove(timer);
            }
        });
        return timer.Completion.Task;
    }

    private Task<T> WaitForEvent<T>(string eventName, CancellationToken cancellationToken)
    {
        var waiter = new EventWaiter<T>();
        if (_waiters.TryGetValue(eventName, out var top))
        {
            if (top.EventType != typeof(T))
            {
                throw new ArgumentException($"Events named {eventName} are awaited as {top.EventType} already, not as {typeof(T)}.", nameof(eventName));
            }

            waiter.Next = top;
        }

        _waiters[eventName] = waiter;
        var buffered = _unread.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (buffered >= 0)
        {
            var raised = _unread[buffered];
            _unread.RemoveAt(buffered);
            Deliver(raised.Name, raised.Payload);
        }

        cancellationToken.Register(() => waiter.Cancel(cancellationToken));
        return waiter.Task;
    }

    private void Deliver(string eventName, string? payload)
    {
        if (_waiters.TryGetValue(eventName, out var waiter))
        {
            if (waiter.Next is { } next)
            {
                _waiters[eventName] = next;
            }
            else
            {
                _waiters.Remove(eventName);
            }

            // A cancelled waiter takes the event and drops it, as in the SDK.
            waiter.Complete(_converter.Deserialize(payload, waiter.EventType));
        }
        else
        {
            _unread.Add(new RaisedEvent(eventName, payload));
        }
    }

    private T? ReadInput<T>() => _converter.Deserialize<T>(_converter.Serialize(Input));

    private interface IEventWaiter
    {
        Type EventType { get; }

        IEventWaiter? Next { get; }

        bool IsCompleted { get; }

        void Complete(object? value);
    }

    private sealed class EventWaiter<T> : IEventWaiter
    {
        private readonly TaskCompletionSource<T> _completion = new();

        public Type EventType => typeof(T);

        public IEventWaiter? Next { get; set; }

        public bool IsCompleted => _completion.Task.IsCompleted;

        public Task<T> Task => _completion.Task;

        public void Complete(object? value) => _completion.TrySetResult((T)value!);

        public void Cancel(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);
    }

    private sealed class ScheduledTimer(DateTime fireAt, int id, TaskCompletionSource completion)
    {
        public DateTime FireAt { get; } = fireAt;

        public int Id { get; } = id;

        public TaskCompletionSource Completion { get; } = completion;

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed record HeldActivity(ActivityCall Call, Action Complete);

    /// <summary>The orchestrator's continuations, run one after another on the test thread.</summary>
    private sealed class ContinuationQueue : SynchronizationContext
    {
        private const int MaxSteps = 1_000_000;

        private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _work = new();

        public override void Post(SendOrPostCallback d, object? state) => _work.Enqueue((d, state));

        public override void Send(SendOrPostCallback d, object? state) => d(state);

        public override SynchronizationContext CreateCopy() => this;

        public void RunUntilIdle()
        {
            for (var steps = 0; _work.TryDequeue(out var work); steps++)
            {
                if (steps == MaxSteps)
                {
                    throw new InvalidOperationException($"The orchestrator ran {MaxSteps} steps without waiting for the test.");
                }

                work.Callback(work.State);
            }
        }
    }
}

/// <summary>One call of an activity: its name, the input as the orchestrator passed it, its options, its task id.</summary>
internal sealed record ActivityCall(string Name, object? Input, TaskOptions? Options, int TaskId)
{
    public bool Is(string activityName) => string.Equals(Name, activityName, StringComparison.OrdinalIgnoreCase);
}

/// <summary>An event raised to the orchestration, serialized as the engine keeps it.</summary>
internal sealed record RaisedEvent(string Name, string? Payload);

internal sealed record SentEvent(string InstanceId, string EventName, object Payload);

/// <summary>A ContinueAsNew call; <paramref name="NewVersion"/> is set only through the <see cref="ContinueAsNewOptions"/> overload.</summary>
internal sealed record ContinueAsNewCall(object? NewInput, bool PreserveUnprocessedEvents, string? NewVersion = null);
