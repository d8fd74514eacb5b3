using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Options;
using Workflow.App.Durable;
using Workflow.App.Hosting;

namespace Workflow.Host;

/// <summary>
/// The standalone host's durable worker: DTFx's <see cref="TaskHubWorker"/> on the Azure Storage provider, running the
/// app's orchestrators and activities (Durable Task SDK classes) through the SDK's public shims. It takes no work
/// before the app has started (the server knows its address, which links need) nor before the app's own tables exist
/// (<see cref="StorageReadiness"/>: an instance resumed at start must not meet a table a new version adds), and creating
/// the task hub is retried while storage is unreachable, so the app stays up and reports unhealthy instead of stopping.
/// </summary>
internal sealed partial class TaskHubWorkerService(
    AzureStorageOrchestrationService service,
    IEnumerable<DurableTaskRegistration> registrations,
    IServiceProvider services,
    DurableTaskWorkerOptions workerOptions,
    IOptions<TaskHubOptions> options,
    IHostApplicationLifetime lifetime,
    StorageReadiness storage,
    ILoggerFactory loggerFactory,
    ILogger<TaskHubWorkerService> logger) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);
    private TaskHubWorker? _worker;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task.ConfigureAwait(false);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await service.CreateIfNotExistsAsync().ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogHubNotCreated(logger, e, RetryInterval);
                await Task.Delay(RetryInterval, stoppingToken).ConfigureAwait(false);
            }
        }

        var shims = new DurableTaskShimFactory(workerOptions, loggerFactory);
        var worker = new TaskHubWorker(service, loggerFactory) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };

        // The SDK schedules an activity under its orchestrator's version and DTFx looks it up by name and version; the
        // app's activities are not versioned, so each answers under every orchestrator version registered.
        var versions = registrations.Where(r => r.IsOrchestrator).Select(r => r.Version).Append(string.Empty).Distinct(StringComparer.Ordinal).ToList();
        foreach (var registration in registrations)
        {
            if (registration.IsOrchestrator)
            {
                worker.AddTaskOrchestrations(new Creator<TaskOrchestration>(registration.Name.Name, registration.Version,
                    () => shims.CreateOrchestration(registration.Name, (Microsoft.DurableTask.ITaskOrchestrator)Activator.CreateInstance(registration.Type)!)));
            }
            else
            {
                worker.AddTaskActivities(versions.Select(version => new Creator<TaskActivity>(registration.Name.Name, version,
                    () => shims.CreateActivity(registration.Name, (Microsoft.DurableTask.ITaskActivity)ActivatorUtilities.CreateInstance(services, registration.Type)))).ToArray());
            }
        }

        await storage.WaitAsync(stoppingToken).ConfigureAwait(false);
        _worker = worker;
        await worker.StartAsync().ConfigureAwait(false);
        LogStarted(logger, options.Value.TaskHub);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_worker is { } worker)
        {
            // Forced: what is in flight is taken again after the visibility timeout, as after a crash.
            await worker.StopAsync(isForced: true).ConfigureAwait(false);
        }
    }

    /// <summary>Makes a task for DTFx by name and version (DTFx looks an instance's orchestrator up by both).</summary>
    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public Creator(string name, string version, Func<T> create)
        {
            Name = name;
            Version = version;
            _create = create;
        }

        public override T Create() => _create();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The task hub could not be created; retrying in {Interval}")]
    private static partial void LogHubNotCreated(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable worker started on task hub {TaskHub}")]
    private static partial void LogStarted(ILogger logger, string taskHub);
}
