using Workflow.App.Links;
using Xunit;

namespace Workflow.App.Tests.Links;

[Collection(AzuriteCollection.Name)]
public sealed class LinkRedemptionStoreTests(AzuriteFixture azurite)
{
    private static CapabilityLink Link(string subject, string step) =>
        new(Guid.NewGuid().ToString("N"), "exit-approval", subject, step, "审批人", DateTimeOffset.UtcNow.AddHours(1));

    [Fact]
    public async Task A_link_is_redeemed_once_and_then_refused_as_used()
    {
        var store = new LinkRedemptionStore(azurite.Tables);
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
        var store = new LinkRedemptionStore(azurite.Tables);
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
        var store = new LinkRedemptionStore(azurite.Tables);
        await store.InitializeAsync(default);
        var link = Link($"case-{Guid.NewGuid():N}", "township-review");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => store.TryRedeemAsync(link, DateTimeOffset.UtcNow, default))));

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal(LinkRefusal.AlreadyUsed, o));
    }

    [Fact]
    public async Task A_hostile_subject_or_purpose_matches_only_itself()
    {
        var store = new LinkRedemptionStore(azurite.Tables);
        await store.InitializeAsync(default);
        var purpose = $"p{Guid.NewGuid():N}";
        // Pasted into a filter as text, this would read "Purpose eq '…' or PartitionKey ne '…'": every row of the table.
        var hostile = $"{purpose}' or PartitionKey ne '{purpose}";
        var subject = $"case-{Guid.NewGuid():N}' or PartitionKey ne '";
        var redeemedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        foreach (var (linkPurpose, step) in new[] { (purpose, "a"), (hostile, "b"), ("exit-approval", "c") })
        {
            var link = new CapabilityLink(Guid.NewGuid().ToString("N"), linkPurpose, subject, step, "审批人", DateTimeOffset.UtcNow.AddHours(1));
            Assert.Null(await store.TryRedeemAsync(link, redeemedAt, $"decision-{step}", default));
            Assert.Equal(LinkRefusal.AlreadyUsed, await store.CheckOpenAsync(link, default));
        }

        Assert.Equal([(subject, "b", "decision-b")], await store.ListUndeliveredAsync(hostile, DateTimeOffset.UtcNow, default));
        Assert.Equal([(subject, "a", "decision-a")], await store.ListUndeliveredAsync(purpose, DateTimeOffset.UtcNow, default));
        Assert.Equal("decision-c", await store.FindUndeliveredAsync(subject, "c", default));
        Assert.Null(await store.FindUndeliveredAsync($"case-{Guid.NewGuid():N}' or PartitionKey ne '", "c", default));
    }
}
