namespace Workflow.Durable;

/// <summary>
/// Replay asked for something other than what history recorded: the orchestrator's code changed under a
/// running instance, or it is not deterministic. The instance ends Failed with this message.
/// </summary>
public sealed class NonDeterministicOrchestrationException(string recorded, string scheduled)
    : Exception($"Non-deterministic orchestration: history recorded {recorded}, but replay scheduled {scheduled}.")
{
    public string Recorded { get; } = recorded;
    public string Scheduled { get; } = scheduled;
}
