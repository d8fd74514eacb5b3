using Microsoft.DurableTask;

namespace Workflow.App.Durable;

/// <summary>
/// The first step of an orchestration whose activities send links: a timer due at once, so the instance has a history
/// before any activity runs.
/// </summary>
/// <remarks>
/// DTFx's Azure Storage provider queues an episode's messages before it writes the episode's history, and it drops an
/// event raised to an instance that has no history yet ("No such instance"). A worker that dies between the two on the
/// first episode leaves the start message locked for the visibility timeout while the activity it queued runs on: the
/// notification goes out, the official clicks, the decision is kept and raised, and the engine drops it. The case then
/// waits for a decision already taken (the crash test, 5 of 200 cases on 2026-12-06). After this checkpoint every
/// activity is queued by a later episode, when the history holds the start, so a raised event is always recorded.
/// EngineContractTests pins the engine's side of this.
/// </remarks>
public static class StartCheckpoint
{
    /// <summary>Ends the first episode with nothing but a timer due now; it costs one control-queue message.</summary>
    public static Task CheckpointStartAsync(this TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CreateTimer(context.CurrentUtcDateTime, CancellationToken.None);
    }
}
