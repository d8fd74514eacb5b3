namespace Workflow.App.Durable;

/// <summary>
/// The durable engine's settings, from the <c>Durable</c> section: DTFx's Azure Storage provider as the standalone host
/// runs it. The defaults suit one app process on two cores; each is documented in the README.
/// </summary>
public sealed class TaskHubOptions
{
    public const string Section = "Durable";

    /// <summary>
    /// The task hub: DTFx's tables <c>{name}Instances</c> and <c>{name}History</c>, queues <c>{name}-control-NN</c> and
    /// <c>{name}-workitems</c>, containers <c>{name}-leases</c> and <c>{name}-largemessages</c>. The engine creates them
    /// at start. Not <c>workflow</c>, the retired engine's prefix, so a local <c>.azurite/</c> kept from before it never
    /// mixes the two layouts in one table.
    /// </summary>
    public string TaskHub { get; set; } = "countyhub";

    /// <summary>Control queues, each leased by one worker: more lets more processes share orchestrations.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// Keeps an orchestration in memory between its steps, so its history is not read again at every event. Off by
    /// default, as in Durable Functions: a kept session holds one of <see cref="MaxConcurrentOrchestrations"/> until it
    /// has been idle for DTFx's 30 s, while hundreds of cases wait on approvers (Workflow.Exits.Bench, 300 cases, one
    /// run each: click to next notification p50 10.3 s with it on, 7.3 s off; the bound is Azurite's queue, see README).
    /// </summary>
    public bool ExtendedSessions { get; set; }

    /// <summary>The longest an idle queue waits between polls (DTFx backs off up to this): how late an idle app notices work.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int MaxConcurrentActivities { get; set; } = 16;

    public int MaxConcurrentOrchestrations { get; set; } = 16;

    /// <summary>How long a crashed worker's orchestration messages stay hidden before another worker (or it, restarted) takes them.</summary>
    public TimeSpan ControlVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>As <see cref="ControlVisibilityTimeout"/> for activities; an activity running longer is taken again.</summary>
    public TimeSpan ActivityVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest a county timer sleeps before it reads the county clock again; none by default (it sleeps until due).
    /// A test whose clock jumps sets seconds, so a jump past a deadline is seen at once.
    /// </summary>
    public TimeSpan? TimerRecheckInterval { get; set; }
}
