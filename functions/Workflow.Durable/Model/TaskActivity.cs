namespace Workflow.Durable;

/// <summary>An activity as the runtime sees it: untyped input and output.</summary>
public interface ITaskActivity
{
    Type InputType { get; }

    Task<object?> RunAsync(TaskActivityContext context, object? input);
}

/// <summary>
/// Activity code: where the I/O happens. Activities run at least once (a crash after the work but before
/// the result is recorded runs it again), so write them to be idempotent.
/// </summary>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    Type ITaskActivity.InputType => typeof(TInput);

    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, (TInput)input!).ConfigureAwait(false);
}

/// <summary>An activity given as a function.</summary>
internal sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> run)
    : TaskActivity<TInput, TOutput>
{
    public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(context, input);
}

/// <summary>What an activity knows about the call it serves.</summary>
public sealed record TaskActivityContext(string Name, string InstanceId, int TaskId, CancellationToken CancellationToken);
