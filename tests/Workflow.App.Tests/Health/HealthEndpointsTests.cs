using System.Net;
using System.Text.Json;
using Azure.Core;
using Microsoft.Extensions.Azure;
using Workflow.App.Identity;
using Workflow.App.Tests.Identity;
using Workflow.App.Tests.Register;
using Xunit;

namespace Workflow.App.Tests.Health;

[Collection(AzuriteCollection.Name)]
public sealed class HealthEndpointsTests(AzuriteFixture azurite)
{
    private const string WrongKey = "d3JvbmcgYWNjb3VudCBrZXkgd3JvbmcgYWNjb3VudCBrZXkgd3JvbmcgYWNjb3VudCBrZXk=";

    [Fact]
    public async Task Liveness_answers_without_touching_storage()
    {
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", "UseDevelopmentStorage=true"));

        var response = await app.Client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Storage_self_check_passes_on_a_working_account()
    {
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString));

        var response = await app.Client.GetAsync(new Uri("/health/storage", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(3, body.RootElement.GetProperty("checks").GetArrayLength());
        Assert.All(body.RootElement.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("ok").GetBoolean()));
    }

    [Fact]
    public async Task Start_page_is_chinese_and_shows_each_service_healthy()
    {
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString));

        var response = await app.Client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("存储自检", html, StringComparison.Ordinal);
        Assert.Contains("<td>表存储 Table</td>", html, StringComparison.Ordinal);
        Assert.Equal(3, html.Split("正常").Length - 1);
    }

    [Fact]
    public async Task Start_page_links_to_sign_in_and_to_each_registered_countys_cases_console_and_the_register()
    {
        var bed = new RegisterTestBed(azurite);
        var county = await bed.AddPlacesAsync(RegisterTestBed.Generate());
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString), ("Register:StoragePrefix", bed.Prefix));

        var html = await app.Client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("href=\"/dev/signin\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/exits?county={county.Code}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/console?county={county.Code}\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/register\"", html, StringComparison.Ordinal);
        Assert.Contains(county.Name, html, StringComparison.Ordinal);
        Assert.Contains("退出案件", html, StringComparison.Ordinal);
        Assert.Contains("工作台", html, StringComparison.Ordinal);
        Assert.Contains("名册", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_page_says_how_to_get_a_county_when_none_is_registered()
    {
        var bed = new RegisterTestBed(azurite);
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString), ("Register:StoragePrefix", bed.Prefix));

        var html = await app.Client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("还没有已登记的县", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/exits?county=", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/register\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_the_start_page_has_no_sign_in_link()
    {
        var bed = new RegisterTestBed(azurite);
        var county = await bed.AddPlacesAsync(RegisterTestBed.Generate());
        await using var app = await RunningApp.StartAsync(null,
            ("environment", "Production"), (AppServiceAuthenticationHandler.PlatformSetting, "True"),
            ("Storage:ConnectionString", azurite.ConnectionString), ("Register:StoragePrefix", bed.Prefix),
            ("Links:Keys:k1", Convert.ToBase64String(new byte[32])), ("Links:CurrentKeyId", "k1"));

        var html = await app.Client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.DoesNotContain("/dev/signin", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/exits?county={county.Code}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_account_key_shows_as_unhealthy_with_the_reason()
    {
        var withWrongKey = string.Join(';', azurite.ConnectionString.Split(';').Select(s => s.StartsWith("AccountKey=", StringComparison.Ordinal) ? $"AccountKey={WrongKey}" : s));
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", withWrongKey));

        var json = await app.Client.GetAsync(new Uri("/health/storage", UriKind.Relative));
        var page = await app.Client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, json.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("异常", html, StringComparison.Ordinal);
        Assert.Contains("403", html, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_that_cannot_be_reached_shows_each_service_as_unhealthy()
    {
        // One quick retry: the SDK then throws both failures together (an AggregateException), as it does after its
        // default retries, which would take this test a minute.
        await using var app = await RunningApp.StartAsync(
            builder => builder.Services.AddAzureClients(clients => clients.ConfigureDefaults(options =>
            {
                options.Retry.MaxRetries = 1;
                options.Retry.Mode = RetryMode.Fixed;
                options.Retry.Delay = TimeSpan.FromMilliseconds(10);
            })),
            ("Storage:ConnectionString", ManagedIdentityStorageTests.AzuriteOnClosedPorts));

        var page = await app.Client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal(3, html.Split("异常").Length - 1);
        Assert.Contains("127.0.0.1:3", html, StringComparison.Ordinal);
    }
}
