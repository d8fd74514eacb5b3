using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host;
using Workflow.App.Storage;
using Xunit;

namespace Workflow.App.Tests.Identity;

/// <summary>
/// Which credential the app gives its storage clients. That a bearer token works against storage is
/// EvidenceReadLinksTests' run against an Azurite checking tokens; here, that the app picks it from the settings the
/// templates set.
/// </summary>
public sealed class ManagedIdentityStorageTests
{
    /// <summary>Azurite's well-known account on ports where nothing listens: for an app that must not reach storage.</summary>
    internal const string AzuriteOnClosedPorts =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:2/devstoreaccount1;" +
        "TableEndpoint=http://127.0.0.1:3/devstoreaccount1;";

    [Fact]
    public async Task With_only_an_account_name_storage_is_reached_by_the_apps_identity_at_the_accounts_azure_endpoints()
    {
        await using var app = StandaloneHost.Build(["--environment", "Production", "--Storage:AccountName", "stworkflowsample"]);

        var blobs = app.Services.GetRequiredService<BlobServiceClient>();
        var container = blobs.Container("evidence");

        Assert.Equal("stworkflowsample", blobs.AccountName);
        Assert.Equal(new Uri("https://stworkflowsample.blob.core.windows.net/evidence"), container.Uri);
        Assert.Equal(new Uri("https://stworkflowsample.queue.core.windows.net/workflow-control"), app.Services.GetRequiredService<QueueServiceClient>().GetQueueClient("workflow-control").Uri);
        Assert.Equal(new Uri("https://stworkflowsample.table.core.windows.net/evidence"), app.Services.GetRequiredService<TableServiceClient>().Table("evidence").Uri);
        Assert.False(container.CanGenerateSasUri);
        Assert.False(container.GetBlobClient("case/step/a.jpg").CanGenerateSasUri);
    }

    [Fact]
    public async Task A_connection_string_still_wins_so_the_local_run_keeps_azurites_key()
    {
        await using var app = StandaloneHost.Build(
            ["--environment", "Development", "--Storage:AccountName", "stworkflowsample", "--Storage:ConnectionString", AzuriteOnClosedPorts]);

        var container = app.Services.GetRequiredService<BlobServiceClient>().Container("evidence");

        Assert.Equal(new Uri("http://127.0.0.1:1/devstoreaccount1/evidence"), container.Uri);
        Assert.True(container.CanGenerateSasUri);
    }
}
