using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Identity;
using Workflow.App.Notifications;
using Workflow.App.Tests.Identity;
using Xunit;

namespace Workflow.App.Tests.Notifications;

[Collection(AzuriteCollection.Name)]
public sealed class InboxPageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Inbox_lists_messages_with_links_and_shows_user_text_as_text()
    {
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString));
        var recipient = $"审批人{Guid.NewGuid():N}";
        await new InboxChannel(azurite.Tables).SendAsync(new NotificationMessage(
            $"n-{Guid.NewGuid():N}", NotificationKinds.ObjectionFiled, "case-9", recipient, "公示异议", "<script>alert('x')</script>收入不实",
            new Uri("http://127.0.0.1:5080/objections/case-9"), DateTimeOffset.UtcNow), default);

        var html = await app.Client.GetStringAsync(new Uri($"/inbox?recipient={Uri.EscapeDataString(recipient)}", UriKind.Relative));

        Assert.Contains("公示异议", html, StringComparison.Ordinal);
        Assert.Contains("href=\"http://127.0.0.1:5080/objections/case-9\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_there_is_no_inbox_even_for_a_county_admin()
    {
        await using var app = await RunningApp.StartAsync(null,
            ("environment", "Production"), (AppServiceAuthenticationHandler.PlatformSetting, "True"),
            ("Storage:ConnectionString", azurite.ConnectionString),
            ("Links:Keys:k1", Convert.ToBase64String(new byte[32])), ("Links:CurrentKeyId", "k1"));
        var recipient = $"审批人{Guid.NewGuid():N}";
        await new InboxChannel(azurite.Tables).SendAsync(new NotificationMessage(
            $"n-{Guid.NewGuid():N}", NotificationKinds.ObjectionFiled, "case-9", recipient, "公示异议", "收入不实",
            new Uri("https://workflow.example/objections/case-9"), DateTimeOffset.UtcNow), default);
        app.Client.DefaultRequestHeaders.Add(
            AppServicePrincipal.PrincipalHeader, AppServicePrincipalTests.Header(AppServicePrincipalTests.EntraUser("李主任", ("roles", CountyRoles.CountyAdmin))));

        foreach (var path in new[] { "/inbox", $"/inbox?recipient={Uri.EscapeDataString(recipient)}", "/inbox/", "/inbox/anything" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        }

        // Nobody could read it, so nothing is written to it either.
        Assert.DoesNotContain(app.Services.GetServices<INotificationChannel>(), channel => channel is InboxChannel);

        // The principal is let in where a county role is asked for: the 404s above are not a refused sign-in.
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(new Uri("/register", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain("/inbox", await app.Client.GetStringAsync(new Uri("/", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_the_inbox_can_be_turned_off_and_then_keeps_nothing_and_is_not_served()
    {
        await using var app = await RunningApp.StartAsync((NotificationServices.InboxSetting, "false"), ("Storage:ConnectionString", azurite.ConnectionString));

        Assert.DoesNotContain(app.Services.GetServices<INotificationChannel>(), channel => channel is InboxChannel);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync(new Uri("/inbox", UriKind.Relative))).StatusCode);
    }
}
