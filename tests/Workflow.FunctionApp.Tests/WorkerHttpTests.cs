using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Workflow.Domain.Demo;
using Workflow.FunctionApp.Tests.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace Workflow.FunctionApp.Tests;

/// <summary>Pages, the API and forms through the published worker, each request routed and invoked as the host does.</summary>
[Collection(RunningWorkerCollection.Name)]
public sealed class WorkerHttpTests(RunningWorker worker, ITestOutputHelper output)
{
    private const string CountyOfficer = "县扶贫办 王干事|CountyOfficer";

    [Fact]
    public async Task The_start_page_is_served_by_the_Start_function()
    {
        var (client, forwarding) = Client();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains("存储自检", html, StringComparison.Ordinal);
        AssertInvoked(forwarding, "Start");
    }

    [Fact]
    public async Task The_health_API_answers_JSON_through_the_Health_function()
    {
        var (client, forwarding) = Client();

        using var response = await client.GetAsync(new Uri("/health/storage", UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        AssertInvoked(forwarding, "Health");
    }

    [Fact]
    public async Task The_development_sign_in_form_sets_the_cookie_the_county_API_accepts()
    {
        var (client, forwarding) = Client();
        using var anonymous = await client.GetAsync(new Uri($"/api/counties/{DemoCountySpec.Lufeng2020.CountyCode}/exits", UriKind.Relative));

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = CountyOfficer, ["returnUrl"] = "/console" });
        using var signIn = await client.PostAsync(new Uri("/dev/signin", UriKind.Relative), form);
        using var api = await client.GetAsync(new Uri($"/api/counties/{DemoCountySpec.Lufeng2020.CountyCode}/exits", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/console", signIn.Headers.Location?.OriginalString);
        Assert.True(signIn.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["Api", "Unrouted", "Api"], forwarding.Invocations.Select(i => i.Function));
    }

    [Fact]
    public async Task A_path_no_area_covers_gets_the_apps_404_page_from_Unrouted()
    {
        var (client, forwarding) = Client();

        using var response = await client.GetAsync(new Uri("/nosuchpage", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        AssertInvoked(forwarding, "Unrouted");
    }

    [Fact]
    public async Task A_form_post_with_the_wrong_content_type_is_refused_not_failed()
    {
        var (client, forwarding) = Client();

        using var response = await client.PostAsJsonAsync(new Uri("/dev/signin", UriKind.Relative), new { user = CountyOfficer });
        output.WriteLine($"{(int)response.StatusCode} {response.Content.Headers.ContentType}: {await response.Content.ReadAsStringAsync()}");
        output.WriteLine(forwarding.Invocations[0].Response.Result.Exception?.Message ?? "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Unrouted", Assert.Single(forwarding.Invocations).Function);
    }

    private (HttpClient Client, HostForwarding Forwarding) Client()
    {
        var client = worker.Host.CreateClient(worker.Routes, out var forwarding);
        return (client, forwarding);
    }

    private static void AssertInvoked(HostForwarding forwarding, string function)
    {
        var (name, response) = Assert.Single(forwarding.Invocations);
        Assert.Equal(function, name);
        Assert.True(response.Result.Status == StatusResult.Types.Status.Success, $"{response.Result.Status}: {response.Result.Exception?.Message}");
    }
}
