using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using DurableTask.AzureStorage;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflow.App.Durable;
using Workflow.App.Hosting;
using Workflow.Host;
using Xunit.Sdk;

namespace Workflow.App.Tests.Durable;

/// <summary>
/// The durable engine alone, wired as the standalone host wires it (<see cref="TaskHubServices.AddTaskHub"/> and its
/// worker): DTFx's Azure Storage provider on a real Azurite, in a generic host whose start the worker waits for
/// (ApplicationStarted). One
/// control queue and a short poll suit one test; each test gives its own hub name, so no two tests share a queue.
/// </summary>
internal sealed class TaskHubHost : IAsyncDisposable
{
    /// <summary>How long any wait in these tests may take: generous for a loaded two-core machine, never a speed assertion.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly IHost _host;
    private readonly EngineLog _log;

    private TaskHubHost(IHost host, EngineLog log)
    {
        _host = host;
        _log = log;
    }

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>A DTFx task hub name: a letter, then letters and digits, 3 to 45 characters.</summary>
    public static string NewHubName() => $"contract{Guid.NewGuid():N}"[..24];

    /// <param name="register">The test's orchestrators, activities and whatever they are given (a gate, a clock, a log).</param>
    public static async Task<TaskHubHost> StartAsync(
        string connectionString, string hubName, Action<IServiceCollection> register, params (string Key, string Value)[] settings)
    {
        ArgumentNullException.ThrowIfNull(register);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var configuration = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Durable:TaskHub"] = hubName,
            ["Durable:PartitionCount"] = "1",
            ["Durable:MaxQueuePollingInterval"] = "00:00:00.2",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        var log = new EngineLog();
        builder.Logging.AddProvider(log);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddTaskHub(builder.Configuration);
        builder.Services.AddHostedService<TaskHubWorkerService>();
        // The worker waits for the app's tables; this engine-only host has none to create, so they are ready at once.
        var storage = new StorageReadiness();
        storage.Created();
        builder.Services.AddSingleton(storage);
        register(builder.Services);

        var host = builder.Build();
        try
        {
            // The worker creates the hub in the background once the host has started; creating it here first (it is
            // idempotent) lets the test's client write to the hub's tables and queues at once.
            await host.Services.GetRequiredService<AzureStorageOrchestrationService>().CreateIfNotExistsAsync();
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new TaskHubHost(host, log);
    }

    /// <summary>Waits until the instance has ended (completed, failed or terminated) and returns it with its payloads.</summary>
    public Task<OrchestrationMetadata> WaitForEndAsync(string instanceId) =>
        WaitForAsync(instanceId, i => i.IsCompleted, "to end");

    /// <summary>Polls the instance until <paramref name="condition"/> holds; fails naming what was awaited and what was seen.</summary>
    public async Task<OrchestrationMetadata> WaitForAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var until = DateTime.UtcNow + Deadline;
        OrchestrationMetadata? last = null;
        while (DateTime.UtcNow < until)
        {
            last = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            if (last is not null && condition(last))
            {
                return last;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        throw new XunitException($"Instance {instanceId} did not come {what} within {Deadline.TotalSeconds} s. Last seen: {Describe(last)}.\n{_log.Tail()}");
    }

    /// <summary>
    /// Polls the current execution's history (DTFx's record of what the engine has taken in) until it holds a matching
    /// event: proof that a message has been processed, where a fixed sleep would only make it likely.
    /// </summary>
    public async Task<IReadOnlyList<HistoryEvent>> WaitForHistoryAsync(string instanceId, Func<IReadOnlyList<HistoryEvent>, bool> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var hub = (TaskHubClient)Client;
        var until = DateTime.UtcNow + Deadline;
        IReadOnlyList<HistoryEvent> history = [];
        while (DateTime.UtcNow < until)
        {
            history = await hub.GetHistoryEventsAsync(instanceId);
            if (condition(history))
            {
                return history;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        var seen = string.Join(", ", history.Select(e => e.EventType));
        throw new XunitException($"The history of {instanceId} did not show {what} within {Deadline.TotalSeconds} s. It holds: {seen}.\n{_log.Tail()}");
    }

    /// <summary>Waits until the engine has logged a warning or error matching <paramref name="match"/>, and returns it.</summary>
    public async Task<string> WaitForLogAsync(Func<string, bool> match, string what)
    {
        ArgumentNullException.ThrowIfNull(match);
        var until = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < until)
        {
            if (_log.Entries.FirstOrDefault(match) is { } entry)
            {
                return entry;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        throw new XunitException($"The engine did not log {what} within {Deadline.TotalSeconds} s.\n{_log.Tail()}");
    }

    /// <summary>The events an execution has received, by name, oldest first.</summary>
    public static IEnumerable<string> RaisedEvents(IEnumerable<HistoryEvent> history) =>
        history.OfType<EventRaisedEvent>().Select(e => e.Name);

    public static string Describe(OrchestrationMetadata? instance) => instance is null
        ? "no such instance"
        : string.Create(CultureInfo.InvariantCulture,
            $"{instance.RuntimeStatus}, custom status {instance.SerializedCustomStatus ?? "none"}, output {instance.SerializedOutput ?? "none"}, failure {instance.FailureDetails?.ToString() ?? "none"}");

    /// <summary>Stops the worker (forced, as the app does: whatever is in flight is taken again later); the hub stays in Azurite.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var stopping = new CancellationTokenSource(Deadline))
        {
            await _host.StopAsync(stopping.Token);
        }

        _host.Dispose();
    }

    /// <summary>Keeps the engine's warnings and errors (DTFx logs why it abandons or fails work there).</summary>
    private sealed class EngineLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _entries = new();

        public IEnumerable<string> Entries => _entries;

        public ILogger CreateLogger(string categoryName) => new Category(this, categoryName);

        public string Tail(int count = 20)
        {
            var entries = _entries.ToArray();
            var builder = new StringBuilder("Engine warnings and errors (last ").Append(count).AppendLine("):");
            foreach (var entry in entries.Skip(Math.Max(0, entries.Length - count)))
            {
                builder.AppendLine(entry);
            }

            return builder.ToString();
        }

        public void Dispose()
        {
        }

        private sealed class Category(EngineLog log, string name) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    log._entries.Enqueue($"{logLevel} {name}[{eventId.Name}]: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception.Message)}");
                }
            }
        }
    }
}
