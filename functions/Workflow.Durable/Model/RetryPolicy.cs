namespace Workflow.Durable;

/// <summary>
/// Retries a failed activity or sub-orchestration with exponential backoff. The waits are durable timers,
/// so a retry survives a restart and replays deterministically.
/// </summary>
public sealed record RetryPolicy
{
    public RetryPolicy(int maxAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1.0, TimeSpan? maxRetryInterval = null, TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxAttempts = maxAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    public int MaxAttempts { get; }
    public TimeSpan FirstRetryInterval { get; }
    public double BackoffCoefficient { get; }
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>No retry starts after this much time since the first attempt; infinite by default.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>The wait before attempt <paramref name="attempt"/> (2 for the first retry).</summary>
    internal TimeSpan DelayBefore(int attempt)
    {
        var delay = FirstRetryInterval.TotalMilliseconds * Math.Pow(BackoffCoefficient, attempt - 2);
        return TimeSpan.FromMilliseconds(Math.Min(delay, MaxRetryInterval.TotalMilliseconds));
    }
}
