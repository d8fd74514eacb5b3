using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Microsoft.DurableTask;
using Workflow.App.Durable;

namespace Workflow.App.Tests.Durable;

/// <summary>The orchestrators and activities the contract tests run, by the names they are registered under.</summary>
internal static class ContractNames
{
    public const string BufferedEvents = "ContractBufferedEvents";
    public const string EventOrTimer = "ContractEventOrTimer";
    public const string SubmitThenVerify = "ContractSubmitThenVerify";
    public const string ContinueWithEvents = "ContractContinueWithEvents";
    public const string Parent = "ContractParent";
    public const string FailingChild = "ContractFailingChild";
    public const string Retrying = "ContractRetrying";
    public const string WaitForEvent = "ContractWaitForEvent";
    public const string Drift = "ContractDrift";
    public const string CountyDeadline = "ContractCountyDeadline";
    public const string Quantity = "ContractQuantity";
    public const string QuantityRead = "ContractQuantityRead";

    public const string Hold = "ContractHold";
    public const string Apply = "ContractApply";
    public const string Flaky = "ContractFlaky";
    public const string StepA = "ContractStepA";
    public const string StepB = "ContractStepB";

    /// <summary>The custom status an orchestration sets once its waits are in place: events raised after it are awaited, not buffered.</summary>
    public const string Waiting = "waiting";
}

/// <summary>Holds <see cref="HoldActivity"/> until the test lets it go, so the test can act while an orchestration is busy.</summary>
internal sealed class ActivityGate
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public Task Released => _released.Task;

    public void Enter() => _entered.TrySetResult();

    public void Release() => _released.TrySetResult();
}

/// <summary>Keeps every run of the test's activities, with when it ran: what the engine actually executed.</summary>
internal sealed class ActivityRuns
{
    private readonly ConcurrentQueue<(string Key, string What, DateTimeOffset At)> _runs = new();

    /// <returns>How many times <paramref name="key"/> has run, this run included.</returns>
    public int Record(string key, string what)
    {
        _runs.Enqueue((key, what, DateTimeOffset.UtcNow));
        return _runs.Count(r => r.Key == key);
    }

    public IReadOnlyList<(string What, DateTimeOffset At)> Of(string key) =>
        _runs.Where(r => r.Key == key).Select(r => (r.What, r.At)).ToList();
}

internal sealed class HoldActivity(ActivityGate gate) : TaskActivity<string?, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, string? input)
    {
        gate.Enter();
        await gate.Released.WaitAsync(TaskHubHost.Deadline);
        return "held";
    }
}

/// <summary>Applies one decision, as the app's RecordDecision does; the runs show how many were applied.</summary>
internal sealed class ApplyActivity(ActivityRuns runs) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        runs.Record(context.InstanceId, input);
        return Task.FromResult(input);
    }
}

/// <summary>Fails its first two runs for an instance, then succeeds.</summary>
internal sealed class FlakyActivity(ActivityRuns runs) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        var attempt = runs.Record(input, "run");
        return attempt <= 2
            ? throw new InvalidOperationException($"Attempt {attempt} for {input} fails.")
            : Task.FromResult($"attempt {attempt} succeeded");
    }
}

internal sealed class StepActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input);
}

/// <summary>Is busy in <see cref="HoldActivity"/>, then takes as many <c>note</c> events as its input says.</summary>
internal sealed class BufferedEventsOrchestrator : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.CallActivityAsync<string>(ContractNames.Hold);
        var notes = new List<string>();
        for (var i = 0; i < input; i++)
        {
            notes.Add(await context.WaitForExternalEvent<string>("note"));
        }

        return string.Join(",", notes);
    }
}

/// <summary>A deadline against an approval, as a county step against its overdue timer; the input is the timer's length in seconds.</summary>
internal sealed class EventOrTimerOrchestrator : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var stopTimer = new CancellationTokenSource();
        var timer = context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(input), stopTimer.Token);
        var approval = context.WaitForExternalEvent<string>("approve");
        context.SetCustomStatus(ContractNames.Waiting);
        if (await Task.WhenAny(timer, approval) != approval)
        {
            return "timer";
        }

        // As the app does: cancelled synchronously, inside the episode. Awaiting the timer then proves it was cancelled:
        // a timer still running would hold this orchestration until its time.
        stopTimer.Cancel();
        try
        {
            await timer;
            return $"event {await approval}, timer fired";
        }
        catch (TaskCanceledException)
        {
            return $"event {await approval}, timer cancelled";
        }
    }
}

/// <summary>The app's step pattern: each step's decision is awaited once, by the step's name, and applied by an activity.</summary>
internal sealed class SubmitThenVerifyOrchestrator : TaskOrchestrator<string?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var applied = new List<string>();
        foreach (var step in new[] { "submit-1", "verify-1" })
        {
            context.SetCustomStatus(step);
            var decision = await context.WaitForExternalEvent<string>(step);
            applied.Add(await context.CallActivityAsync<string>(ContractNames.Apply, $"{step}={decision}"));
        }

        return string.Join(";", applied);
    }
}

/// <summary>Busy in its first execution, then continues as new keeping its events; the second execution takes <c>ping</c>.</summary>
internal sealed class ContinueWithEventsOrchestrator : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input == 0)
        {
            await context.CallActivityAsync<string>(ContractNames.Hold);
            context.ContinueAsNew(1, preserveUnprocessedEvents: true);
            return "continued";
        }

        return $"execution {input} received {await context.WaitForExternalEvent<string>("ping")}";
    }
}

internal sealed class FailingChildOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        throw new InvalidOperationException($"The child refused {input}.");
}

/// <summary>Calls <see cref="FailingChildOrchestrator"/> as instance <c>{own id}-child</c> and reports what failure it was given.</summary>
internal sealed class ParentOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await context.CallSubOrchestratorAsync<string>(ContractNames.FailingChild, input, new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}-child" });
            return "no failure";
        }
        catch (TaskFailedException failed)
        {
            return $"{failed.TaskName}|{failed.FailureDetails.ErrorType}|{failed.FailureDetails.ErrorMessage}";
        }
    }
}

/// <summary>A retry policy's attempts and first interval (the backoff coefficient stays 1: every interval is the first).</summary>
internal sealed record RetryInput(int MaxAttempts, int IntervalSeconds);

/// <summary>Calls <see cref="FlakyActivity"/> with the retry policy its input gives.</summary>
internal sealed class RetryingOrchestrator : TaskOrchestrator<RetryInput, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, RetryInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return context.CallActivityAsync<string>(ContractNames.Flaky, context.InstanceId,
            TaskOptions.FromRetryPolicy(new RetryPolicy(input.MaxAttempts, TimeSpan.FromSeconds(input.IntervalSeconds))));
    }
}

/// <summary>Waits for <c>go</c> and returns its payload.</summary>
internal sealed class WaitForEventOrchestrator : TaskOrchestrator<string?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetCustomStatus(ContractNames.Waiting);
        return $"got {await context.WaitForExternalEvent<string>("go")}";
    }
}

/// <summary>The first version of <see cref="ContractNames.Drift"/>: step A, then waits for <c>go</c>.</summary>
internal sealed class DriftBeforeOrchestrator : TaskOrchestrator<string?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var step = await context.CallActivityAsync<string>(ContractNames.StepA, "A");
        context.SetCustomStatus(ContractNames.Waiting);
        return $"{step} then {await context.WaitForExternalEvent<string>("go")}";
    }
}

/// <summary>The same name changed under a running instance: step B first, where the history recorded step A.</summary>
internal sealed class DriftAfterOrchestrator : TaskOrchestrator<string?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var step = await context.CallActivityAsync<string>(ContractNames.StepB, "B");
        context.SetCustomStatus(ContractNames.Waiting);
        return $"{step} then {await context.WaitForExternalEvent<string>("go")}";
    }
}

/// <summary>Waits in county time until its input, as the app's overdue timers do, and returns the county time it saw then.</summary>
internal sealed class CountyDeadlineOrchestrator : TaskOrchestrator<DateTimeOffset, DateTimeOffset>
{
    public override Task<DateTimeOffset> RunAsync(TaskOrchestrationContext context, DateTimeOffset input) =>
        context.WaitUntilAsync(input, CancellationToken.None);
}

/// <summary>An event payload with a field that must be there.</summary>
internal sealed record Quantity([property: JsonRequired] int Count);

/// <summary>Awaits a <see cref="Quantity"/> and returns its count.</summary>
internal sealed class QuantityOrchestrator : TaskOrchestrator<string?, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, string? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetCustomStatus(ContractNames.Waiting);
        var quantity = await context.WaitForExternalEvent<Quantity>("quantity");
        return quantity.Count;
    }
}

/// <summary>As <see cref="QuantityOrchestrator"/>, through the app's <see cref="ExternalEvents.WaitForEventAsync{T}"/>.</summary>
internal sealed class QuantityReadOrchestrator : TaskOrchestrator<string?, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, string? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetCustomStatus(ContractNames.Waiting);
        var quantity = await context.WaitForEventAsync<Quantity>("quantity");
        return quantity.Count;
    }
}
