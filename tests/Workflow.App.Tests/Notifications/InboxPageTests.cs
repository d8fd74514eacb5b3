using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Identity;
using Workflow.App.Notifications;
using Workflow.App.Tests.Identity;
using Workflow.App.Tests.Register;
using Xunit;

namespace Workflow.App.Tests.Notifications;

[Collection(AzuriteCollection.Name)]
public sealed partial class InboxPageTests(AzuriteFixture azurite)
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
    public async Task Inbox_names_each_recipient_by_role_and_place_not_by_code()
    {
        var bed = new RegisterTestBed(azurite);
        var county = await bed.AddPlacesAsync(RegisterTestBed.Generate());
        var township = county.Townships[0];
        var village = township.Villages[0];
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString), ("Register:StoragePrefix", bed.Prefix));
        var expected = new Dictionary<string, string>
        {
            [$"VillageCommittee@{village.Code}"] = $"{township.Name}{village.Name}村两委",
            [$"TownshipApprover@{township.Code}"] = $"{township.Name}乡镇审核人",
            [$"CountyOfficer@{county.Code}"] = "县扶贫办经办人",
            [$"LeadUnit@{county.Code}:县教育局"] = "县教育局（牵头单位）",
        };

        foreach (var (recipient, name) in expected)
        {
            await new InboxChannel(azurite.Tables).SendAsync(new NotificationMessage(
                $"n-{Guid.NewGuid():N}", NotificationKinds.DecisionAwaited, "case-9", recipient, "待办：民主评议", "请办理",
                new Uri("http://127.0.0.1:5080/decide/token"), DateTimeOffset.UtcNow), default);

            var html = await app.Client.GetStringAsync(new Uri($"/inbox?recipient={Uri.EscapeDataString(recipient)}", UriKind.Relative));

            // Shown by name; the address only in the attribute that scripts read (Workflow.Testing's ScriptedApprovers).
            Assert.Contains($"发给 {name}", html, StringComparison.Ordinal);
            Assert.DoesNotContain(recipient, Tag().Replace(html, string.Empty), StringComparison.Ordinal);
            Assert.Contains($"data-recipient=\"{recipient}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Inbox_shows_a_link_that_is_not_a_web_address_as_text_only()
    {
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString));
        var recipient = $"审批人{Guid.NewGuid():N}";
        await new InboxChannel(azurite.Tables).SendAsync(new NotificationMessage(
            $"n-{Guid.NewGuid():N}", NotificationKinds.ObjectionFiled, "case-9", recipient, "公示异议\r\n<b>标题</b>", new string('长', 20_000),
            new Uri("javascript:alert(1)"), DateTimeOffset.UtcNow), default);

        var html = await app.Client.GetStringAsync(new Uri($"/inbox?recipient={Uri.EscapeDataString(recipient)}", UriKind.Relative));

        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;b&gt;标题&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains(new string('长', 20_000), html, StringComparison.Ordinal);
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

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
