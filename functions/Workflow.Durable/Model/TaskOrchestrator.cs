namespace Workflow.Durable;

/// <summary>An orchestrator as the runtime sees it: untyped input and output, typed by <see cref="TaskOrchestrator{TInput,TOutput}"/>.</summary>
public interface ITaskOrchestrator
{
    Type InputType { get; }

    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

/// <summary>
/// Orchestrator code: replayed from history, so it must be deterministic. Take time, GUIDs and randomness
/// from the context, do I/O only in activities, and never use ConfigureAwait(false) inside it.
/// </summary>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    Type ITaskOrchestrator.InputType => typeof(TInput);

    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}

/// <summary>An orchestrator given as a function, for small orchestrations and tests.</summary>
internal sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> run)
    : TaskOrchestrator<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => run(context, input);
}
