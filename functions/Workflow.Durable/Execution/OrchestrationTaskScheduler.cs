using System.Collections.Concurrent;

namespace Workflow.Durable;

/// <summary>
/// Runs orchestrator continuations one at a time, only when the executor drains it. This is what makes
/// replay deterministic: the orchestrator advances exactly as far as the history it is fed.
/// </summary>
internal sealed class OrchestrationTaskScheduler : TaskScheduler
{
    private readonly ConcurrentQueue<Task> _ready = new();

    public override int MaximumConcurrencyLevel => 1;

    public void RunUntilIdle()
    {
        // A caller's synchronization context (xunit has one) would capture the continuations instead of us.
        var saved = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            while (_ready.TryDequeue(out var task))
            {
                TryExecuteTask(task);
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(saved);
        }
    }

    protected override void QueueTask(Task task) => _ready.Enqueue(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks() => _ready.ToArray();
}
