using Azure;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Durable;
using Workflow.Storage;
using Xunit;

namespace Workflow.Functions.Tests.Hosting;

/// <summary>Durable:Connection: the task hub in a storage account of its own, apart from the app's tables.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TaskHubAccountTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_hub_given_its_own_account_runs_its_orchestrations_there_and_leaves_none_of_its_tables_in_the_apps()
    {
        await using var hubAzurite = await AzuriteProcess.StartAsync();
        var hub = $"own{Guid.NewGuid():N}"[..14];
        await using var app = await RunningApp.StartAsync(
            ("Storage:ConnectionString", azurite.ConnectionString),
            ("Durable:TaskHub", hub),
            ("Durable:Connection", "DurableStorage"),
            ("DurableStorage:ConnectionString", hubAzurite.ConnectionString));
        var client = app.Services.GetRequiredService<DurableTaskClient>();

        // No orchestrator has this name: the worker still takes the start from the hub's queue and records the failure in its index.
        var id = await client.ScheduleNewOrchestrationInstanceAsync("NoSuchOrchestration", 1, new StartOrchestrationOptions($"{hub}-1"));
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ended = await client.WaitForInstanceCompletionAsync(id, TimeSpan.FromMilliseconds(50), wait.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, ended.RuntimeStatus);
        var inHubAccount = await new AzureStorageDurableStore(StorageAccount.FromConnectionString(hubAzurite.ConnectionString),
            new AzureStorageDurableOptions { TaskHubName = hub }).GetInstanceAsync(id, default);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, inHubAccount?.Instance.RuntimeStatus);
        var inAppAccount = new AzureStorageDurableStore(azurite.StorageAccount, new AzureStorageDurableOptions { TaskHubName = hub });
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => inAppAccount.GetInstanceAsync(id, default));
        Assert.Equal("TableNotFound", missing.ErrorCode);
    }
}
