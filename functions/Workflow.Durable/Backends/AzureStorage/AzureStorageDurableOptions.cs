namespace Workflow.Durable;

/// <summary>Where and how the Azure Storage backend keeps a task hub.</summary>
public sealed class AzureStorageDurableOptions
{
    /// <summary>Prefix of the hub's tables, queues and container: letters and digits, starting with a letter.</summary>
    public string TaskHubName { get; set; } = "workflow";

    /// <summary>Azure Storage queues hide a message for at most 7 days; longer timers are re-armed. Lower it only to test re-arming.</summary>
    public TimeSpan MaxMessageDelay { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// A message delayed longer than this waits in the hub's timer table and goes to its queue once it is due within
    /// this horizon. Must exceed <see cref="TimerReleaseInterval"/>, or a timer could be released late.
    /// </summary>
    public TimeSpan QueuedTimerHorizon { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a receiving worker releases due timers from the table (on Azure Functions, the timer trigger does).</summary>
    public TimeSpan TimerReleaseInterval { get; set; } = TimeSpan.FromSeconds(15);
}
