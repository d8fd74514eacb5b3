namespace Workflow.App.Hosting;

/// <summary>
/// 存储就绪: completes once every capability's tables and containers exist (<see cref="StorageInitialization"/>). What
/// runs on its own rather than on a request (the scheduled sweeps, the standalone host's durable worker) waits for it, so
/// none of it meets a table not yet created on a first start, or one a new version adds.
/// </summary>
public sealed class StorageReadiness
{
    private readonly TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _created.Task.IsCompleted;

    public Task WaitAsync(CancellationToken cancellationToken) => _created.Task.WaitAsync(cancellationToken);

    internal void Created() => _created.TrySetResult();
}
