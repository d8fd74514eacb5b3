using Workflow.Functions.Links;
using Xunit;

namespace Workflow.Functions.Tests.Links;

[Collection(AzuriteCollection.Name)]
public sealed class LinkRedemptionStoreTests(AzuriteFixture azurite)
{
    private static CapabilityLink Link(string subject, string step) =>
        new(Guid.NewGuid().ToString("N"), "exit-approval", subject, step, "审批人", DateTimeOffset.UtcNow.AddHours(1));

    [Fact]
    public async Task A_link_is_redeemed_once_and_then_refused_as_used()
    {
        var store = new LinkRedemptionStore(azurite.StorageAccount);
        await store.InitializeAsync(default);
        var link = Link($"case-{Guid.NewGuid():N}", "township-review");

        Assert.Null(await store.CheckOpenAsync(link, default));
        Assert.Null(await store.TryRedeemAsync(link, DateTimeOffset.UtcNow, default));
        Assert.Equal(LinkRefusal.AlreadyUsed, await store.TryRedeemAsync(link, DateTimeOffset.UtcNow, default));
        Assert.Equal(LinkRefusal.AlreadyUsed, await store.CheckOpenAsync(link, default));
    }

    [Fact]
    public async Task Another_link_for_a_decided_step_is_refused_as_stale()
    {
        var store = new LinkRedemptionStore(azurite.StorageAccount);
        await store.InitializeAsync(default);
        var subject = $"case-{Guid.NewGuid():N}";
        var first = Link(subject, "county-approval");
        var second = Link(subject, "county-approval");

        Assert.Null(await store.TryRedeemAsync(first, DateTimeOffset.UtcNow, default));

        Assert.Equal(LinkRefusal.StepAlreadyDecided, await store.CheckOpenAsync(second, default));
        Assert.Equal(LinkRefusal.StepAlreadyDecided, await store.TryRedeemAsync(second, DateTimeOffset.UtcNow, default));
        Assert.Null(await store.TryRedeemAsync(Link(subject, "deregistration"), DateTimeOffset.UtcNow, default));
    }

    [Fact]
    public async Task Fifty_concurrent_submissions_of_one_link_produce_exactly_one_decision()
    {
        var store = new LinkRedemptionStore(azurite.StorageAccount);
        await store.InitializeAsync(default);
        var link = Link($"case-{Guid.NewGuid():N}", "township-review");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => store.TryRedeemAsync(link, DateTimeOffset.UtcNow, default))));

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal(LinkRefusal.AlreadyUsed, o));
    }
}
