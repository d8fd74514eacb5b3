using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Durable;
using Xunit;

namespace Workflow.App.Tests.Hosting;

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
            builder =>
            {
                builder.Services.AddTaskOrchestrator<HostedEcho>(HostedEcho.Name);
                builder.Services.AddTaskActivity<HostedUpper>(HostedUpper.Name);
            },
            ("Storage:ConnectionString", azurite.ConnectionString),
            ("Durable:TaskHub", hub),
            ("Durable:Connection", "DurableStorage"),
            ("DurableStorage:ConnectionString", hubAzurite.ConnectionString));
        var client = app.Services.GetRequiredService<DurableTaskClient>();

        var id = await client.ScheduleNewOrchestrationInstanceAsync(HostedEcho.Name, "hub");
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ended = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, wait.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, ended.RuntimeStatus);
        Assert.Equal("HUB", ended.ReadOutputAs<string>());
        Assert.True(await HasTableAsync(hubAzurite.ConnectionString, $"{hub}Instances"), "The hub's instances table is not in the hub's account.");
        Assert.False(await HasTableAsync(azurite.ConnectionString, $"{hub}Instances"), "The hub's instances table is in the app's account.");
        Assert.False(await HasTableAsync(azurite.ConnectionString, $"{hub}History"), "The hub's history table is in the app's account.");
    }

    private static async Task<bool> HasTableAsync(string connectionString, string name)
    {
        await foreach (var _ in new TableServiceClient(connectionString).QueryAsync(t => t.Name == name))
        {
            return true;
        }

        return false;
    }
}
