using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Workflow.App.Tests.Infrastructure;

/// <summary>
/// The tables, queues and containers infra/modules/storage.bicep creates, against the ones the app creates. The app
/// creates each before using it (CreateIfNotExists), so the app's list is read off the wire: the app runs on an empty
/// Azurite of its own with a pipeline policy that notes every create request, until its start-up work is done and
/// its pages have been opened once. The policy is added to the SDK clients the app registers (as a default of every
/// Azure client).
/// </summary>
public sealed class StorageInventoryTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task The_storage_module_creates_exactly_the_tables_queues_and_containers_the_app_creates()
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var creates = new CreateRecorder(azurite);
        await using (var app = await RunningApp.StartAsync(
                         builder => builder.Services.AddAzureClients(clients => clients.ConfigureDefaults(defaults => defaults.AddPolicy(creates, HttpPipelinePosition.PerCall))),
                         ("Storage:ConnectionString", azurite.ConnectionString)))
        {
            // The register pages need a county role.
            await app.SignInAsync();
            foreach (var page in new[] { "/health/storage", "/register", "/inbox" })
            {
                (await app.Client.GetAsync(page)).EnsureSuccessStatusCode();
            }

            await creates.QuietAsync(Quiet, TimeSpan.FromMinutes(1));
        }

        var hub = InfraTemplates.StringVariable("main.bicep", "taskHub");
        IReadOnlyList<string> Module(string variable) =>
            [.. InfraTemplates.StringArray("modules/storage.bicep", variable).Select(name => name.Replace("${taskHub}", hub, StringComparison.Ordinal))];

        // Table names are case-insensitive in Azure Storage; queue and container names are lower case.
        Assert.Equal(creates.Names("table").Order(StringComparer.OrdinalIgnoreCase), Module("tables").Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(creates.Names("queue").Order(StringComparer.Ordinal), Module("queues").Order(StringComparer.Ordinal));
        Assert.Equal(creates.Names("container").Order(StringComparer.Ordinal), Module("containers").Order(StringComparer.Ordinal));
    }

    /// <summary>Notes the table, queue and container create requests that pass through the app's storage clients.</summary>
    private sealed class CreateRecorder(AzuriteProcess azurite) : HttpPipelinePolicy
    {
        private readonly ConcurrentDictionary<(string Kind, string Name), bool> _created = new();
        private long _lastChange = Environment.TickCount64;

        public IEnumerable<string> Names(string kind) => _created.Keys.Where(k => k.Kind == kind).Select(k => k.Name).Distinct();

        public async Task QuietAsync(TimeSpan quiet, TimeSpan timeout)
        {
            var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
            while (Environment.TickCount64 - Interlocked.Read(ref _lastChange) < quiet.TotalMilliseconds)
            {
                Assert.True(Environment.TickCount64 < deadline, "The app kept creating storage resources for a minute.");
                await Task.Delay(200);
            }
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The app's storage clients are asynchronous.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (await CreatedAsync(message.Request) is { } created && _created.TryAdd(created, true))
            {
                Interlocked.Exchange(ref _lastChange, Environment.TickCount64);
            }

            await ProcessNextAsync(message, pipeline);
        }

        // Path-style Azurite addresses: /{account}/{name}[/...]. Creates: POST /Tables {"TableName"}, PUT /{queue},
        // PUT /{container}?restype=container. Any other PUT carries a comp= query or a blob name.
        private async Task<(string, string)?> CreatedAsync(Request request)
        {
            var segments = request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
            var query = request.Uri.Query;
            var port = request.Uri.Port;
            if (port == azurite.TablePort && request.Method == RequestMethod.Post && segments is ["Tables"] && request.Content is { } content)
            {
                using var body = new MemoryStream();
                await content.WriteToAsync(body, CancellationToken.None);
                using var table = JsonDocument.Parse(body.ToArray());
                return ("table", table.RootElement.GetProperty("TableName").GetString()!);
            }

            if (request.Method != RequestMethod.Put || segments.Count != 1 || query.Contains("comp=", StringComparison.Ordinal))
            {
                return null;
            }

            return port == azurite.QueuePort ? ("queue", segments[0])
                : port == azurite.BlobPort && query.Contains("restype=container", StringComparison.Ordinal) ? ("container", segments[0])
                : null;
        }
    }
}
