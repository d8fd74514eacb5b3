using Microsoft.DurableTask;

namespace Workflow.App.Durable;

/// <summary>
/// How every activity is retried: a fault that a retry cures (storage busy or unreachable, the app still starting) must
/// not fail a county's case. Activities are idempotent, keyed by case and step, so a retry writes nothing twice. The
/// waits are durable timers: about 1, 2, 4 … up to 60 s apart, for about a quarter of an hour, then the instance fails
/// and shows on the operations page to be restarted.
/// </summary>
public static class ActivityRetry
{
    public static TaskOptions Options { get; } = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 20, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(60)));
}
