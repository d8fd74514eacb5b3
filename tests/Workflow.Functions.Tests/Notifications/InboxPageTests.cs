using Workflow.Functions.Notifications;
using Xunit;

namespace Workflow.Functions.Tests.Notifications;

[Collection(AzuriteCollection.Name)]
public sealed class InboxPageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Inbox_lists_messages_with_links_and_shows_user_text_as_text()
    {
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString));
        var recipient = $"审批人{Guid.NewGuid():N}";
        await new InboxChannel(azurite.StorageAccount).SendAsync(new NotificationMessage(
            $"n-{Guid.NewGuid():N}", NotificationKinds.ObjectionFiled, "case-9", recipient, "公示异议", "<script>alert('x')</script>收入不实",
            new Uri("http://127.0.0.1:5080/objections/case-9"), DateTimeOffset.UtcNow), default);

        var html = await app.Client.GetStringAsync(new Uri($"/inbox?recipient={Uri.EscapeDataString(recipient)}", UriKind.Relative));

        Assert.Contains("公示异议", html, StringComparison.Ordinal);
        Assert.Contains("href=\"http://127.0.0.1:5080/objections/case-9\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }
}
