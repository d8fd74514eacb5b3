using Workflow.Durable;

namespace Workflow.Durable.Tests.Contract;

/// <summary>A worker running in the background over one store, and a client for it.</summary>
internal sealed class DurableTestHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public DurableTestHost(IDurableStore store, DurableTaskRegistry registry, DurableTaskOptions? options = null)
    {
        Store = store;
        Options = options ?? FastOptions();
        Client = new DurableTaskClient(store, Options);
        Worker = new DurableTaskWorker(store, registry, Options);
        _running = Worker.RunAsync(_stop.Token);
    }

    public IDurableStore Store { get; }
    public DurableTaskOptions Options { get; }
    public DurableTaskClient Client { get; }
    public DurableTaskWorker Worker { get; }

    public static DurableTaskOptions FastOptions() => new()
    {
        MinPollInterval = TimeSpan.FromMilliseconds(5),
        MaxPollInterval = TimeSpan.FromMilliseconds(50),
        ControlVisibilityTimeout = TimeSpan.FromSeconds(5),
        ActivityVisibilityTimeout = TimeSpan.FromSeconds(5),
    };

    public async Task<OrchestrationMetadata> RunToEndAsync(string instanceId, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        return await Client.WaitForInstanceCompletionAsync(instanceId, TimeSpan.FromMilliseconds(10), limit.Token);
    }

    /// <summary>Waits until a condition on the instance holds (e.g. it is waiting for an event).</summary>
    public async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var instance = await Client.GetInstanceAsync(instanceId, limit.Token);
            if (instance is not null && condition(instance))
            {
                return instance;
            }

            await Task.Delay(10, limit.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
    }
}
