using System.Globalization;
using System.Text.Json;
using Workflow.App.Durable;
using Workflow.App.Hosting;
using Xunit;

namespace Workflow.App.Tests.Hosting;

/// <summary>
/// host.json (the Functions host's Durable extension on Azure) against the standalone host's engine settings
/// (<see cref="TaskHubOptions"/>): both run the same task hub, so the hub, its partitions, its polling and how soon a
/// killed worker's work is taken again must be the same, or a case would behave differently on Azure than in the tests.
/// </summary>
public sealed class HostJsonTests
{
    private static readonly TaskHubOptions Standalone = new();

    private static JsonElement DurableTask => HostJson().GetProperty("extensions").GetProperty("durableTask");

    private static JsonElement StorageProvider => DurableTask.GetProperty("storageProvider");

    [Fact]
    public void The_durable_extension_runs_the_standalone_hosts_task_hub_with_its_settings()
    {
        Assert.Equal(Standalone.TaskHub, DurableTask.GetProperty("hubName").GetString());
        Assert.Equal(Standalone.ExtendedSessions, DurableTask.GetProperty("extendedSessionsEnabled").GetBoolean());
        Assert.Equal(Standalone.MaxConcurrentActivities, DurableTask.GetProperty("maxConcurrentActivityFunctions").GetInt32());
        Assert.Equal(Standalone.MaxConcurrentOrchestrations, DurableTask.GetProperty("maxConcurrentOrchestratorFunctions").GetInt32());
        Assert.Equal("AzureStorage", StorageProvider.GetProperty("type").GetString());
        Assert.Equal(Standalone.PartitionCount, StorageProvider.GetProperty("partitionCount").GetInt32());
        Assert.Equal(Standalone.MaxQueuePollingInterval, Span("maxQueuePollingInterval"));
        Assert.Equal(Standalone.ControlVisibilityTimeout, Span("controlQueueVisibilityTimeout"));
        Assert.Equal(Standalone.ActivityVisibilityTimeout, Span("workItemQueueVisibilityTimeout"));
    }

    [Fact]
    public void Routes_have_no_prefix_so_links_are_the_same_in_both_hosts()
    {
        var http = HostJson().GetProperty("extensions").GetProperty("http");

        Assert.Equal(string.Empty, http.GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void The_host_logs_the_engine_and_the_storage_sdk_as_quietly_as_the_standalone_host()
    {
        var levels = HostJson().GetProperty("logging").GetProperty("logLevel");

        foreach (var category in new[] { "DurableTask.Core", "DurableTask.AzureStorage", "Azure" })
        {
            Assert.Equal("Warning", levels.GetProperty(category).GetString());
        }
    }

    /// <summary>
    /// On Azure the Functions host, not the worker, records each HTTP request in Application Insights. With extended HTTP
    /// information on (the default) the request telemetry carries the URL, and dependency tracking records the call the
    /// host forwards to the worker at the same path: either would put a capability token (/decide/{token}) into the
    /// telemetry. With both off a request is recorded by its function name (Host.Results) and status. The framework
    /// categories that write a raw path are off in the host too, as the app turns them off in the worker
    /// (<see cref="RequestLogging.RawPathCategories"/>).
    /// </summary>
    [Fact]
    public void Application_insights_records_no_request_url_so_no_capability_token()
    {
        var logging = HostJson().GetProperty("logging");
        var insights = logging.GetProperty("applicationInsights");

        Assert.False(insights.GetProperty("httpAutoCollectionOptions").GetProperty("enableHttpTriggerExtendedInfoCollection").GetBoolean());
        Assert.False(insights.GetProperty("enableDependencyTracking").GetBoolean());
        Assert.All(RequestLogging.RawPathCategories, category => Assert.Equal("None", logging.GetProperty("logLevel").GetProperty(category).GetString()));
    }

    [Fact]
    public void No_custom_handler_or_extension_bundle_is_left()
    {
        var root = HostJson();

        Assert.False(root.TryGetProperty("customHandler", out _));
        Assert.False(root.TryGetProperty("extensionBundle", out _));
    }

    private static TimeSpan Span(string property) =>
        TimeSpan.Parse(StorageProvider.GetProperty(property).GetString()!, CultureInfo.InvariantCulture);

    private static JsonElement HostJson()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")));
        return json.RootElement.Clone();
    }
}
