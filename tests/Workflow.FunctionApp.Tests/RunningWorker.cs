using DurableTask.AzureStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflow.FunctionApp.Tests.Hosting;
using Xunit;

namespace Workflow.FunctionApp.Tests;

/// <summary>
/// The published worker behind <see cref="GrpcFunctionsHost"/>, in Development (so the development sign-in and the
/// local inbox exist), on its own Azurite and task hub; beside it the same app services built in the test process,
/// to prepare data and to look at what the worker wrote.
/// </summary>
public sealed class RunningWorker : IAsyncLifetime
{
    public const string PublicBaseUrl = "http://functionapp.test/";

    private readonly PublishedFunctionApp _published = new();
    private readonly AzuriteFixture _azurite = new();
    private ServiceProvider? _services;
    private GrpcFunctionsHost? _host;

    public GrpcFunctionsHost Host => _host ?? throw new InvalidOperationException("The worker has not started.");

    /// <summary>The app's services on the worker's storage and task hub.</summary>
    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The worker has not started.");

    public HostRoutes Routes { get; private set; } = null!;

    public PublishedFunctionApp Published => _published;

    /// <summary>The app settings the host gives the worker (as environment variables) and the test's own services.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _published.InitializeAsync();
        await _azurite.InitializeAsync();
        Routes = new HostRoutes(_published.Functions);
        Settings = new Dictionary<string, string>
        {
            ["Storage:ConnectionString"] = _azurite.ConnectionString,
            ["Durable:TaskHub"] = AzuriteFixture.UniqueName("fahub"),
            ["Durable:PartitionCount"] = "1",
            ["Links:PublicBaseUrl"] = PublicBaseUrl,
        };
        _services = AppServices.Build(Environments.Development, Settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));

        // On Azure the host's Durable extension creates the task hub before any function runs.
        await _services.GetRequiredService<AzureStorageOrchestrationService>().CreateIfNotExistsAsync();
        _host = await StartWorkerAsync();
    }

    /// <summary>Another worker on the same settings (the test that times a start).</summary>
    public Task<GrpcFunctionsHost> StartWorkerAsync()
    {
        var environment = Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        environment["AzureWebJobsStorage"] = _azurite.ConnectionString;
        environment["AZURE_FUNCTIONS_ENVIRONMENT"] = Environments.Development;
        environment["ASPNETCORE_ENVIRONMENT"] = Environments.Development;
        environment["DOTNET_ENVIRONMENT"] = Environments.Development;
        return GrpcFunctionsHost.StartAsync(_published.Folder, environment);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _azurite.DisposeAsync();
        await _published.DisposeAsync();
    }
}
