using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Register;
using Workflow.App.Campaigns;
using Workflow.App.Register;
using Workflow.App.Tests.Exits;
using Workflow.App.Tests.Rectification;
using Workflow.Testing;
using Xunit;

namespace Workflow.App.Tests.Campaigns;

/// <summary>
/// The whole app on real Kestrel with its own Azurite and a county clock the test moves: the campaign runs on the
/// durable engine (DTFx) in that Azurite, its county timers re-reading the clock every second (the app can be stopped
/// and started again on the same storage, as a redeploy does), and everything else is there too, the rectification ledger included (the real one: findings entered and
/// imported through its API, closed by units and the verifier through their links, see <see cref="LedgerOf"/>).
/// Three signed-in users: the office's officer and head, and an analyst (not a county role). Lead units act only
/// through the links their inbox receives.
/// </summary>
internal sealed partial class CampaignTestBed : IAsyncDisposable
{
    private readonly AzuriteProcess _azurite;
    private RunningApp _app;

    private CampaignTestBed(AzuriteProcess azurite, ManualClock clock, RunningApp app)
    {
        _azurite = azurite;
        Clock = clock;
        _app = app;
    }

    public ManualClock Clock { get; }

    /// <summary>县扶贫办 王干事 (CountyOfficer).</summary>
    public HttpClient Officer { get; private set; } = null!;

    /// <summary>县扶贫办 李主任 (CountyAdmin).</summary>
    public HttpClient Admin { get; private set; } = null!;

    /// <summary>数据分析 赵分析 (Analyst): signed in, but not a county role.</summary>
    public HttpClient Analyst { get; private set; } = null!;

    public HttpClient Anonymous => _app.Client;

    public IServiceProvider Services => _app.Services;

    public static async Task<CampaignTestBed> StartAsync(DateTimeOffset start)
    {
        var azurite = await AzuriteProcess.StartAsync();
        var clock = new ManualClock(start);
        var bed = new CampaignTestBed(azurite, clock, null!);
        bed._app = await bed.StartAppAsync(null);
        await bed.SignInAllAsync();
        return bed;
    }

    /// <summary>Stops the app and starts it again on the same storage (task hub included), with <paramref name="configure"/> applied (a redeploy).</summary>
    public async Task RestartAsync(Action<WebApplicationBuilder>? configure)
    {
        DisposeClients();
        await _app.DisposeAsync();
        _app = await StartAppAsync(configure);
        await SignInAllAsync();
    }

    private Task<RunningApp> StartAppAsync(Action<WebApplicationBuilder>? configure) => RunningApp.StartAsync(
        builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(Clock);
            configure?.Invoke(builder);
        },
        ("Storage:ConnectionString", _azurite.ConnectionString));

    private async Task SignInAllAsync()
    {
        Officer = await SignInAsync("县扶贫办 王干事|CountyOfficer");
        Admin = await SignInAsync("县扶贫办 李主任|CountyAdmin");
        Analyst = await SignInAsync("数据分析 赵分析|Analyst");
    }

    private Task<HttpClient> SignInAsync(string user) => RunningApp.SignedInClientAsync(_app.Client.BaseAddress!, user);

    /// <summary>Puts the county and its townships in the directory, as the ledger needs them to take findings.</summary>
    public async Task SavePlacesAsync(County county)
    {
        var directory = Services.GetRequiredService<CountyDirectory>();
        await directory.SavePlacesAsync(county, CancellationToken.None);
        await directory.SaveCountyAsync(new RegisteredCounty(county.Code, county.Name, null), CancellationToken.None);
    }

    /// <summary>The county's ledger for the year, used as the office (the officer), the units and the verifier do.</summary>
    public LedgerClient LedgerOf(string county, int year) => new(() => Officer, () => Anonymous, county, year);

    public async Task<HttpResponseMessage> StartCampaignAsync(string county, int year) =>
        await Officer.PostAsJsonAsync($"/api/counties/{county}/campaigns", new { year }, ExitTestBed.Json);

    public async Task<CampaignStatus> StatusAsync(string county, int year) =>
        (await Officer.GetFromJsonAsync<CampaignStatus>($"/api/counties/{county}/campaigns/{year}", ExitTestBed.Json))!;

    /// <summary>Waits until the campaign satisfies <paramref name="condition"/> (the worker runs on its own).</summary>
    public async Task<CampaignStatus> WaitForAsync(string county, int year, Func<CampaignStatus, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var response = await Officer.GetAsync($"/api/counties/{county}/campaigns/{year}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var status = (await response.Content.ReadFromJsonAsync<CampaignStatus>(ExitTestBed.Json))!;
                if (condition(status))
                {
                    return status;
                }

                if (DateTime.UtcNow > deadline)
                {
                    var instance = await Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(CampaignKeys.InstanceId(county, year));
                    Assert.Fail($"The campaign did not reach: {what}. It is at {status.Current?.Key} ({status.Current?.State}), orchestration " +
                                $"{instance?.RuntimeStatus} {instance?.FailureDetails?.ErrorMessage} {instance?.SerializedCustomStatus}, county time {Clock.GetUtcNow():O}; history: " +
                                string.Join(" | ", status.History.Select(h => h.Text)));
                }
            }
            else if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The campaign did not reach: {what}; status answered {response.StatusCode}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits for the phase in that state as the orchestration reports it (its version is then known): before it first
    /// runs, the board shows the plan's first phase awaiting its start too, and a clock moved then would race it.
    /// </summary>
    public Task<CampaignStatus> WaitForPhaseAsync(string county, int year, string phase, PhaseState state) =>
        WaitForAsync(county, year, s => s.Current?.Key == phase && s.Current.State == state && s.Version.Length > 0, $"{phase} {state}");

    public Task<CampaignStatus> WaitForHistoryAsync(string county, int year, string kind, string key) =>
        WaitForAsync(county, year, s => s.History.Any(h => h.Kind == kind && h.Key == key), $"history {kind} {key}");

    public async Task<HttpResponseMessage> AdvanceAsync(HttpClient client, string county, int year, string from, bool overrideGates = false, string? reason = null) =>
        await client.PostAsJsonAsync($"/api/counties/{county}/campaigns/{year}/advance", new { from, @override = overrideGates, reason }, ExitTestBed.Json);

    /// <summary>Sets the clock to <paramref name="at"/> (never back); the users sign in again, as months later their sign-in has expired.</summary>
    public async Task MoveToAsync(DateTimeOffset at)
    {
        var by = at - Clock.GetUtcNow();
        Assert.True(by >= TimeSpan.Zero, $"The clock is at {Clock.GetUtcNow():O}, after {at:O}.");
        Clock.Advance(by);
        DisposeClients();
        await SignInAllAsync();
    }

    /// <summary>The newest report link the unit received for the task and due point, waiting for it to arrive.</summary>
    public async Task<string> WaitForReportLinkAsync(string county, string unit, string taskId, string dueKey)
    {
        var recipient = CampaignRecipients.LeadUnit(county, unit);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var page = await Anonymous.GetStringAsync($"/inbox?recipient={Uri.EscapeDataString(recipient)}");
            var links = Href().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(h => h.Contains(TaskReportLinks.PathPrefix, StringComparison.Ordinal))
                .Select(h => new Uri(h).PathAndQuery).Where(l => ExitTestBed.PayloadOf(Uri.UnescapeDataString(l)) is { } p && p.Subject == taskId && p.Step == dueKey).ToList();
            if (links.Count > 0)
            {
                return links[0];
            }

            Assert.True(DateTime.UtcNow < deadline, $"No report link for {taskId} / {dueKey} reached {recipient}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Files a report through the link as the unit's clerk would.</summary>
    public async Task<HttpResponseMessage> ReportAsync(string link, string progress, bool completed, string name = "刘报送")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(name), "name" },
            { new StringContent(progress), "progress" },
        };
        if (completed)
        {
            form.Add(new StringContent("yes"), "completed");
        }

        return await Anonymous.PostAsync(link, form);
    }

    public async ValueTask DisposeAsync()
    {
        DisposeClients();
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private void DisposeClients()
    {
        Officer?.Dispose();
        Admin?.Dispose();
        Analyst?.Dispose();
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
