using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Options;
using Workflow.App.Storage;

namespace Workflow.App.Durable;

/// <summary>
/// Wires the durable engine: DTFx's Azure Storage provider on the app's storage account (or on its own through
/// <c>Durable:Connection</c>, as Durable Functions' <c>storageProvider.connectionName</c>) and the SDK's client for
/// endpoints, in both hosts. The worker is the host's: the standalone host runs DTFx's, the Function App the Durable
/// Functions extension's. Capabilities add their orchestrators and activities with
/// <see cref="AddTaskOrchestrator{T}"/> and <see cref="AddTaskActivity{T}"/>.
/// </summary>
public static class TaskHubServices
{
    /// <summary>Inputs, outputs, events and custom status as JSON: camelCase, enums by name, Chinese readable in storage.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static JsonDataConverter Converter { get; } = new(JsonOptions);

    public static IServiceCollection AddTaskHub(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TaskHubOptions>().Bind(configuration.GetSection(TaskHubOptions.Section));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<TaskHubOptions>>().Value;
            var connection = configuration["Durable:Connection"];
            return new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
            {
                StorageAccountClientProvider = HubAccount(configuration.GetSection(string.IsNullOrWhiteSpace(connection) ? StorageClients.Section : connection)).TaskHubClients(),
                TaskHubName = options.TaskHub,
                PartitionCount = options.PartitionCount,
                ExtendedSessionsEnabled = options.ExtendedSessions,
                MaxQueuePollingInterval = options.MaxQueuePollingInterval,
                MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
                MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
                ControlQueueVisibilityTimeout = options.ControlVisibilityTimeout,
                WorkItemQueueVisibilityTimeout = options.ActivityVisibilityTimeout,
                LoggerFactory = provider.GetRequiredService<ILoggerFactory>(),
                // Without it DTFx ignores a start whose id is pending, running or suspended and the client reports it
                // started; TaskHubClient promises OrchestrationAlreadyExistsException, which the starters catch.
                ThrowExceptionOnInvalidDedupeStatus = true,
            });
        });
        services.AddSingleton(new DurableTaskWorkerOptions { DataConverter = Converter });
        services.AddSingleton<DurableTaskClient>(provider => new TaskHubClient(
            provider.GetRequiredService<AzureStorageOrchestrationService>(), Converter, provider.GetServices<DurableTaskRegistration>()));
        services.AddSingleton<CountyClock>();
        services.AddTaskActivity<ReadCountyClockActivity>(ReadCountyClockActivity.Name);
        services.AddTaskActivity<NewestVersionActivity>(NewestVersionActivity.Name);
        return services;
    }

    public static IServiceCollection AddTaskOrchestrator<T>(this IServiceCollection services, string name, string version = "")
        where T : class, ITaskOrchestrator, new() =>
        services.AddSingleton(new DurableTaskRegistration(name, typeof(T), IsOrchestrator: true, version));

    public static IServiceCollection AddTaskActivity<T>(this IServiceCollection services, string name)
        where T : class, ITaskActivity =>
        services.AddSingleton(new DurableTaskRegistration(name, typeof(T), IsOrchestrator: false));

    // The hub's account is the app's (Storage) unless Durable:Connection names another section of the same shape.
    private static StorageAccountConnection HubAccount(IConfigurationSection account) =>
        StorageAccountConnection.From(account["ConnectionString"], account["AccountName"], account.Path);
}
