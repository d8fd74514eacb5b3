namespace Workflow.Durable.TestWorker;

/// <summary>
/// The orchestration the crash tests run: three activities in sequence, a durable timer, an external
/// event, one more activity. The worker process and the tests' crash-free reference run register the
/// same code, so "the output a crash-free run gives" is measured, not assumed.
/// </summary>
public static class CrashCase
{
    public const string Name = "CrashCase";
    public const string DecisionEvent = "decision";

    /// <summary>The custom status set once the timer has fired, just before the wait: the event is then "late".</summary>
    public const string WaitingStatus = "waiting";

    public static readonly TimeSpan TimerDelay = TimeSpan.FromSeconds(2);

    /// <summary>Where the worker process records side effects: one row per activity execution, duplicates included.</summary>
    public static string SideEffectTable(string taskHub) => $"{taskHub}SideEffects";

    /// <summary>Adds the orchestration and its activities; each activity execution reports its side effect to <paramref name="record"/>.</summary>
    public static DurableTaskRegistry Register(DurableTaskRegistry registry, Func<SideEffect, Task> record)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var (activity, mark) in new[] { ("Verify", "verified"), ("Review", "reviewed"), ("Approve", "approved"), ("Record", "recorded") })
        {
            registry.AddActivity<string, string>(activity, async (context, input) =>
            {
                await record(new SideEffect(context.InstanceId, context.Name, input));
                return $"{input}|{mark}";
            });
        }

        return registry.AddOrchestrator<int, string>(Name, async (context, caseNumber) =>
        {
            var verified = await context.CallActivityAsync<string>("Verify", $"case-{caseNumber}");
            var reviewed = await context.CallActivityAsync<string>("Review", verified);
            var approved = await context.CallActivityAsync<string>("Approve", reviewed);
            await context.CreateTimer(TimerDelay, CancellationToken.None);
            context.SetCustomStatus(WaitingStatus);
            var decision = await context.WaitForExternalEvent<string>(DecisionEvent);
            context.SetCustomStatus(null);
            return await context.CallActivityAsync<string>("Record", $"{approved}|{decision}");
        });
    }
}

/// <summary>One execution of an activity: at-least-once delivery shows up as the same triple more than once.</summary>
public sealed record SideEffect(string InstanceId, string TaskName, string Input);
