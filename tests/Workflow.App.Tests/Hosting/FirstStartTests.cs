using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflow.App.Hosting;
using Workflow.App.Tests.Logging;
using Workflow.Testing;
using Xunit;

namespace Workflow.App.Tests.Hosting;

/// <summary>
/// 首次启动: the standalone host on a storage account it has never seen, then again on the same account. Every table and
/// container is created before any scheduled work runs, so neither start nor the first run of any sweep logs a warning or
/// an error (a sweep that met a table not yet created logged "TableNotFound linkredemptions" with a stack trace, and
/// creating a container that exists logs Azure.Core's 409 as a warning).
/// </summary>
public sealed partial class FirstStartTests
{
    [Fact]
    public async Task A_first_start_and_a_restart_log_no_warning_through_the_first_run_of_every_sweep()
    {
        await using var azurite = await AzuriteProcess.StartAsync();

        var first = await StartAndRunEverySweepAsync(azurite);
        var restart = await StartAndRunEverySweepAsync(azurite);

        Assert.True(first.Count == 0, "First start:\n" + string.Join("\n", first));
        // On a restart the durable engine (DTFx) creates its task hub's tables and containers again, and Azure.Core logs
        // the 409s as warnings: the engine's code, not the app's. Everything else must be as quiet as the first start.
        var app = restart.Where(complaint => !TaskHubResource().IsMatch(complaint)).ToList();
        Assert.True(app.Count == 0, "Restart:\n" + string.Join("\n", app));
    }

    /// <summary>Starts the app with every log line captured, waits for the durable worker and one run of each scheduled work, and returns the warnings and errors.</summary>
    private static async Task<IReadOnlyList<string>> StartAndRunEverySweepAsync(AzuriteProcess azurite)
    {
        var logs = new CapturedLogs();
        await using var app = await RunningApp.StartAsync(logs.AddTo, ("Storage:ConnectionString", azurite.ConnectionString));
        var works = app.Services.GetServices<ScheduledWork>().Select(work => work.FunctionName).ToList();
        Assert.Equal(7, works.Count);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!works.All(work => SchedulerLines(logs, work).Any()) || !logs.Lines.Any(line => line.Text.Contains("Durable worker started", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The durable worker did not start or not every scheduled work ran within a minute.");
            await Task.Delay(100);
        }

        // Each ran (its Debug line) rather than failed.
        Assert.All(works, work => Assert.Contains(SchedulerLines(logs, work), line => line.Level == LogLevel.Debug));
        // Azure.Core names the request an error response answers only on the request's own line: put the two together.
        // A retried request is logged again under its id.
        var requests = logs.Lines.Select(line => AzureRequest().Match(line.Text)).Where(m => m.Success)
            .GroupBy(m => m.Groups["id"].Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Groups["target"].Value, StringComparer.Ordinal);
        return logs.Lines.Where(line => line.Level >= LogLevel.Warning)
            .Select(line => AzureErrorResponse().Match(line.Text) is { Success: true } m && requests.TryGetValue(m.Groups["id"].Value, out var target)
                ? $"{target}: {line.Text}"
                : line.Text)
            .ToList();
    }

    [GeneratedRegex(@"Request \[(?<id>[0-9a-f-]{36})\] (?<target>\S+ \S+)")]
    private static partial Regex AzureRequest();

    [GeneratedRegex(@"Error response \[(?<id>[0-9a-f-]{36})\]")]
    private static partial Regex AzureErrorResponse();

    // The engine's resources are named after the task hub: countyhub-applease, countyhubPartitions, ...
    [GeneratedRegex(@"^\S+ https?://[^/]+/[^/]+/countyhub", RegexOptions.IgnoreCase)]
    private static partial Regex TaskHubResource();

    private static IEnumerable<CapturedLine> SchedulerLines(CapturedLogs logs, string work) =>
        logs.Lines.Where(line => line.Category == "Workflow.Host.StandaloneScheduler" && line.Text.Contains($"Work={work}", StringComparison.Ordinal));
}
