using Microsoft.Extensions.Logging;
using Workflow.Durable;
using Workflow.Durable.TestWorker;
using Workflow.Storage;
using Workflow.Storage.Tables;

// A worker process for the crash tests: it serves one task hub until it is killed.
// Usage: Workflow.Durable.TestWorker <storage connection string> <task hub name>
if (args.Length != 2)
{
    await Console.Error.WriteLineAsync("Usage: Workflow.Durable.TestWorker <storage connection string> <task hub name>");
    return 2;
}

var (connectionString, taskHub) = (args[0], args[1]);
var account = StorageAccount.FromConnectionString(connectionString);
var store = new AzureStorageDurableStore(account, new AzureStorageDurableOptions { TaskHubName = taskHub });
await store.CreateIfNotExistsAsync();
var sideEffects = account.GetTableClient(CrashCase.SideEffectTable(taskHub));
await sideEffects.CreateIfNotExistsAsync();

var registry = CrashCase.Register(new DurableTaskRegistry(), effect => sideEffects.AddEntityAsync(
    new TableEntity(effect.InstanceId, Guid.NewGuid().ToString("N"))
    {
        ["InstanceId"] = effect.InstanceId,
        ["TaskName"] = effect.TaskName,
        ["Input"] = effect.Input,
    }));

// Short visibility timeouts: the messages a killed worker held come back within seconds, not minutes. A higher poison
// limit than production's: the test kills a worker every 0.4–2 s, so on a slow machine a sound message is taken by six
// lives in a row that each die before finishing it, and the limit of 5 quarantined it as poison (a message that keeps
// failing is tested on its own, in DurableContractTests).
var options = new DurableTaskOptions
{
    ControlVisibilityTimeout = TimeSpan.FromSeconds(3),
    ActivityVisibilityTimeout = TimeSpan.FromSeconds(3),
    MaxPollInterval = TimeSpan.FromMilliseconds(100),
    MaxDequeueCount = 20,
};

// A worker orphaned by a test run that died would keep competing with later runs; its parent holds the
// other end of stdin, so end-of-input means the parent is gone.
using var stop = new CancellationTokenSource();
_ = Task.Run(async () =>
{
    while (await Console.In.ReadLineAsync() is not null)
    {
    }

    await stop.CancelAsync();
});

Console.WriteLine($"ready pid={Environment.ProcessId}");
await new DurableTaskWorker(store, registry, options, new ConsoleLogger()).RunAsync(stop.Token);
return 0;

/// <summary>The runtime's warnings (drops, quarantines, failed steps) on stdout, where the test collects them.</summary>
internal sealed class ConsoleLogger : ILogger<DurableTaskWorker>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Console.WriteLine($"{logLevel}: {formatter(state, exception)}{(exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message})")}");
        }
    }
}
