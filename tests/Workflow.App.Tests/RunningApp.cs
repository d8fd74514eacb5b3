using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Host;
using Xunit;

namespace Workflow.App.Tests;

/// <summary>The real app on real Kestrel at 127.0.0.1 on a free port, with the settings a test gives it.</summary>
internal sealed class RunningApp : IAsyncDisposable
{
    /// <summary>The development sign-in's county officer: the role county pages and the API ask for.</summary>
    public const string CountyOfficer = "县扶贫办 王干事|CountyOfficer";

    private readonly WebApplication _app;

    private RunningApp(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<RunningApp> StartAsync(params (string Key, string Value)[] settings) => StartAsync(null, settings);

    /// <param name="configure">Replaces services before the app is built (a controllable clock, the in-memory durable backend).</param>
    public static async Task<RunningApp> StartAsync(Action<WebApplicationBuilder>? configure, params (string Key, string Value)[] settings)
    {
        // One control queue and a short poll suit one test process; county timers re-read the test's clock every second,
        // so a test that moves its clock past a deadline sees the timer fire (a test's own settings come later and win).
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0", "--environment", "Development",
            "--Durable:PartitionCount=1", "--Durable:MaxQueuePollingInterval=00:00:00.5", "--Durable:TimerRecheckInterval=00:00:01",
        };
        foreach (var (key, value) in settings)
        {
            args.Add($"--{key}={value}");
        }

        var app = StandaloneHost.Build([.. args], configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RunningApp(app, new Uri(address));
    }

    /// <summary>
    /// Signs <see cref="Client"/> in at the development sign-in (Development only) as one of its demo users, given as
    /// "name|role"; the client keeps the cookie.
    /// </summary>
    public async Task SignInAsync(string demoUser = CountyOfficer)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = demoUser, ["returnUrl"] = "/health" });
        using var response = await Client.PostAsync(new Uri("/dev/signin", UriKind.Relative), form);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// A browser of its own for a county user: a new client with its own cookies, signed in at the development sign-in
    /// as <paramref name="demoUser"/> ("name|role"), that shows redirects instead of following them.
    /// </summary>
    public static async Task<HttpClient> SignedInClientAsync(Uri baseAddress, string demoUser = CountyOfficer)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = demoUser, ["returnUrl"] = "/" });
        using var response = await client.PostAsync(new Uri("/dev/signin", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
