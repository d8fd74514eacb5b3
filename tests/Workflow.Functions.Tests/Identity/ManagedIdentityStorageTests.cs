using Microsoft.Extensions.DependencyInjection;
using Workflow.Functions.Hosting;
using Workflow.Storage;
using Xunit;

namespace Workflow.Functions.Tests.Identity;

/// <summary>
/// Which credential the app gives its storage clients. That a bearer token works against storage is
/// Workflow.Storage.Tests' TokenCredentialTests; here, that the app picks it from the settings the templates set.
/// </summary>
public sealed class ManagedIdentityStorageTests
{
    [Fact]
    public async Task With_only_an_account_name_storage_is_reached_by_the_apps_identity_at_the_accounts_azure_endpoints()
    {
        await using var app = WorkflowApp.Build(["--environment", "Production", "--Storage:AccountName", "stworkflowsample"]);

        var account = app.Services.GetRequiredService<StorageAccount>();
        var container = account.GetBlobContainerClient("evidence");

        Assert.Equal("stworkflowsample", account.Name);
        Assert.Equal(new Uri("https://stworkflowsample.blob.core.windows.net/evidence"), container.Uri);
        Assert.Equal(new Uri("https://stworkflowsample.queue.core.windows.net/workflow-control"), account.GetQueueClient("workflow-control").Uri);
        Assert.False(container.CanGenerateSasUri);
    }

    [Fact]
    public async Task A_connection_string_still_wins_so_the_local_run_keeps_azurites_key()
    {
        await using var app = WorkflowApp.Build(
            ["--environment", "Development", "--Storage:AccountName", "stworkflowsample", "--Storage:ConnectionString", StorageConnectionString.ForAzurite(1, 2, 3)]);

        var container = app.Services.GetRequiredService<StorageAccount>().GetBlobContainerClient("evidence");

        Assert.Equal(new Uri("http://127.0.0.1:1/devstoreaccount1/evidence"), container.Uri);
        Assert.True(container.CanGenerateSasUri);
    }
}
