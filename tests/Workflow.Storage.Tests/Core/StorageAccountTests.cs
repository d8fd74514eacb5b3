using Xunit;

namespace Workflow.Storage.Tests.Core;

public sealed class StorageAccountTests
{
    [Fact]
    public async Task Clients_can_be_created_concurrently_from_one_account_and_share_its_options()
    {
        var options = new StorageClientOptions();
        var loggedHeaders = options.Diagnostics.LoggedHeaderNames.Count;
        var account = StorageAccount.FromConnectionString("UseDevelopmentStorage=true", options);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() =>
        {
            account.GetTableClient($"table{i}");
            account.GetQueueClient($"queue{i}");
            account.GetBlobContainerClient($"container{i}");
        })));

        Assert.Equal(loggedHeaders, options.Diagnostics.LoggedHeaderNames.Count);
        Assert.Contains("x-ms-error-code", options.Diagnostics.LoggedHeaderNames);
    }
}
