using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NCrontab;
using Workflow.App.Hosting;
using Xunit;

namespace Workflow.FunctionApp.Tests;

/// <summary>What the Functions host reads from the published folder: the functions, their triggers, and the extensions.</summary>
[Collection(FunctionAppCollection.Name)]
public sealed class PublishedMetadataTests(PublishedFunctionApp published)
{
    public static readonly string[] Areas =
        ["", "api", "health", "console", "register", "exits", "decide", "notices", "objections", "rectifications", "rectify", "report", "monitor", "funds", "pay", "loan-check", "loan-notice",
            "project", "project-notice", "project-objection", "operations", "odata", "openapi", "notifications"];

    [Fact]
    public void Every_area_has_an_anonymous_http_trigger_and_any_other_path_goes_to_Unrouted()
    {
        var routes = new HostRoutes(published.Functions);
        foreach (var area in Areas)
        {
            var path = area.Length == 0 ? "/" : $"/{area}/x";
            var match = routes.Match("GET", path);
            Assert.True(match is not null, $"No function for {path}.");
            Assert.NotEqual("Unrouted", match.Value.Function.Name);
        }

        Assert.Equal("Unrouted", routes.Match("GET", "/nosuchpage")!.Value.Function.Name);
        Assert.Equal("Unrouted", routes.Match("POST", "/nosuch/deeper/page")!.Value.Function.Name);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/host/status")]
    [InlineData("/admin/functions/OutboxSweep")]
    [InlineData("/runtime/webhooks/durabletask/instances")]
    [InlineData("/runtime/webhooks/eventgrid")]
    public void No_function_takes_the_hosts_own_routes(string path)
    {
        Assert.Null(new HostRoutes(published.Functions).Match("POST", path));
        Assert.Null(new HostRoutes(published.Functions).Match("GET", path));
    }

    [Fact]
    public void Every_scheduled_work_has_a_timer_whose_period_is_its_interval()
    {
        using var services = AppServices.Build(Environments.Production, [new("Storage:AccountName", "sample")]);
        var works = services.GetServices<ScheduledWork>().ToList();
        var timers = published.Functions.Where(f => f.TriggerType == "timerTrigger").ToList();

        Assert.NotEmpty(works);
        Assert.Equal(works.Select(w => w.FunctionName).Order(), timers.Select(t => t.Name).Order());
        foreach (var work in works)
        {
            var schedule = CrontabSchedule.Parse(timers.Single(t => t.Name == work.FunctionName).Schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
            var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
            var occurrences = schedule.GetNextOccurrences(start, start.AddDays(1)).ToList();
            var periods = occurrences.Zip(occurrences.Skip(1), (a, b) => b - a).Distinct().ToList();
            Assert.True(periods.Count == 1 && periods[0] == work.Interval, $"{work.FunctionName}: the timer runs every {string.Join(", ", periods)}, the work's interval is {work.Interval}.");
        }
    }

    [Fact]
    public void The_host_loads_the_Durable_extension()
    {
        using var extensions = published.ReadJson("extensions.json");
        var names = extensions.RootElement.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Contains("DurableTask", names);
        Assert.All(extensions.RootElement.GetProperty("extensions").EnumerateArray(),
            e => Assert.True(File.Exists(Path.Combine(published.Folder, e.GetProperty("hintPath").GetString()!)), $"{e.GetProperty("hintPath")} is not published."));
    }

    [Fact]
    public void The_published_host_json_is_the_repositorys()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")), File.ReadAllText(Path.Combine(published.Folder, "host.json")));
        using var host = published.ReadJson("host.json");
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void The_worker_config_starts_the_published_assembly()
    {
        using var worker = published.ReadJson("worker.config.json");
        var description = worker.RootElement.GetProperty("description");
        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.True(File.Exists(Path.Combine(published.Folder, description.GetProperty("defaultWorkerPath").GetString()!)));
    }
}
