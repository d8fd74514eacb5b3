using Xunit;

namespace Workflow.Durable.Tests.Reliability;

/// <summary>
/// The instance index after each step: a process replaces the row on the ETag it wrote last, without reading it first,
/// and a newer row written by another process in between still wins.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class InstanceIndexTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_process_rewrites_its_own_index_row_without_reading_it_and_never_over_a_newer_row_from_another_process()
    {
        var hub = $"index{Guid.NewGuid():N}"[..16];
        var requests = new StorageRequestLog();
        var a = new AzureStorageDurableStore(requests.Account(azurite.ConnectionString), new AzureStorageDurableOptions { TaskHubName = hub });
        var b = new AzureStorageDurableStore(azurite.StorageAccount, new AzureStorageDurableOptions { TaskHubName = hub });
        await a.CreateIfNotExistsAsync();

        await a.WriteInstanceIfNewerAsync(Revision(1), default);
        await a.WriteInstanceIfNewerAsync(Revision(2), default);
        Assert.Equal(1, requests.Count("GET", $"/{hub}Instances("));
        Assert.Equal(2, await RevisionInIndexAsync(b));

        await b.WriteInstanceIfNewerAsync(Revision(5), default);
        await a.WriteInstanceIfNewerAsync(Revision(3), default);
        Assert.Equal(5, await RevisionInIndexAsync(b));

        await a.WriteInstanceIfNewerAsync(Revision(6), default);
        await a.WriteInstanceIfNewerAsync(Revision(7), default);
        Assert.Equal(7, await RevisionInIndexAsync(b));
        Assert.Equal(3, requests.Count("GET", $"/{hub}Instances("));
    }

    private static OrchestrationMetadata Revision(long revision) => new(
        "household-1", "Exit", "1", "e1", OrchestrationRuntimeStatus.Running, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
        SerializedCustomStatus: $"\"step {revision}\"", Revision: revision);

    private static async Task<long> RevisionInIndexAsync(AzureStorageDurableStore store) =>
        (await store.GetInstanceAsync("household-1", default))!.Value.Instance.Revision;
}
