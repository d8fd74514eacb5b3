namespace Workflow.Durable;

/// <summary>Where and how the Azure Storage backend keeps a task hub.</summary>
public sealed class AzureStorageDurableOptions
{
    /// <summary>Prefix of the hub's tables, queues and container: letters and digits, starting with a letter.</summary>
    public string TaskHubName { get; set; } = "workflow";

    /// <summary>Azure Storage queues hide a message for at most 7 days; longer timers are re-armed. Lower it only to test re-arming.</summary>
    public TimeSpan MaxMessageDelay { get; set; } = TimeSpan.FromDays(7);
}
