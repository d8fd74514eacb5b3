using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Exits;
using Workflow.App.Exits.Web;
using Workflow.App.Register;
using Workflow.App.Tests.Exits;
using Workflow.Testing;
using Xunit;

namespace Workflow.App.Tests.Logging;

/// <summary>
/// The exit test bed's county (<see cref="ExitTestBed"/>) on the standalone host with every log line captured
/// (<see cref="CapturedLogs"/>): real Kestrel, a real Azurite, the durable engine, approvers acting only through the
/// links in the inbox.
/// </summary>
internal sealed partial class LoggedWalkThrough : IAsyncDisposable
{
    private readonly AzuriteProcess _azurite;
    private readonly RunningApp _app;

    private LoggedWalkThrough(AzuriteProcess azurite, RunningApp app, ManualClock clock, HttpClient county, IReadOnlyList<RegisteredHousehold> households)
    {
        _azurite = azurite;
        _app = app;
        Clock = clock;
        County = county;
        Households = households;
    }

    public ManualClock Clock { get; }

    public HttpClient County { get; }

    public HttpClient Anonymous => _app.Client;

    public IReadOnlyList<RegisteredHousehold> Households { get; }

    public static async Task<LoggedWalkThrough> StartAsync(CapturedLogs logs, params (string Key, string Value)[] settings)
    {
        var azurite = await AzuriteProcess.StartAsync();
        try
        {
            return await StartAsync(azurite, logs, settings);
        }
        catch
        {
            // A start that fails must not leave its Azurite running.
            await azurite.DisposeAsync();
            throw;
        }
    }

    private static async Task<LoggedWalkThrough> StartAsync(AzuriteProcess azurite, CapturedLogs logs, (string Key, string Value)[] settings)
    {
        var clock = new ManualClock(ExitTestBed.Start);
        var app = await RunningApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
                logs.AddTo(builder);
            },
            [("Storage:ConnectionString", azurite.ConnectionString), .. settings]);
        await app.Services.GetRequiredService<DemoCountyLoader>().LoadAsync(ExitTestBed.Spec, 7, CancellationToken.None);
        var households = new List<RegisteredHousehold>();
        var register = app.Services.GetRequiredService<RegisterStore>();
        var places = await app.Services.GetRequiredService<CountyDirectory>().FindPlacesAsync(ExitTestBed.Spec.CountyCode, CancellationToken.None);
        foreach (var township in places!.Townships)
        {
            await foreach (var household in register.ReadTownshipAsync(places.Code, township.Code, CancellationToken.None))
            {
                if (household.Household.Status == Domain.Register.PovertyStatus.NotExited)
                {
                    households.Add(household);
                }
            }
        }

        var county = await RunningApp.SignedInClientAsync(app.Client.BaseAddress!);
        return new LoggedWalkThrough(azurite, app, clock, county, households);
    }

    public async Task<ExitCase> StartCaseAsync(int householdIndex)
    {
        var response = await County.PostAsJsonAsync($"/api/counties/{ExitTestBed.Spec.CountyCode}/exits",
            new StartExitRequest(Households[householdIndex].Household.Number, ExitTestBed.Passing), ExitTestBed.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ExitCase>(ExitTestBed.Json))!;
    }

    public async Task<ExitCaseDetail> WaitForAsync(string caseId, Func<ExitCaseDetail, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var detail = (await County.GetFromJsonAsync<ExitCaseDetail>($"/api/exits/{caseId}", ExitTestBed.Json))!;
            if (condition(detail))
            {
                return detail;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Case {caseId} did not reach: {what}. It is {detail.Case.Status} at {detail.Case.CurrentStep}.");
            await Task.Delay(100);
        }
    }

    /// <summary>The newest link of <paramref name="path"/> in the recipient's inbox for the case and step, waiting for it.</summary>
    public async Task<string> WaitForLinkAsync(string caseId, string step, string recipient, string path = "/decide/")
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var page = await Anonymous.GetStringAsync($"/inbox?recipient={Uri.EscapeDataString(recipient)}");
            var link = Links(page).FirstOrDefault(l => l.Contains(path, StringComparison.Ordinal)
                                                       && ExitTestBed.PayloadOf(l) is { } p && p.Subject == caseId && p.Step == step);
            if (link is not null)
            {
                return link;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {path} link for {caseId} / {step} reached {recipient}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Every capability token any message in the inbox carried, for anyone.</summary>
    public async Task<IReadOnlyList<string>> IssuedTokensAsync()
    {
        var page = await Anonymous.GetStringAsync("/inbox");
        return Links(page).Select(l => l[(l.LastIndexOf('/') + 1)..]).Where(t => t.Count(c => c == '.') == 2).Distinct(StringComparer.Ordinal).ToList();
    }

    public Task<HttpResponseMessage> DecideAsync(string link, bool approve, string comment) =>
        ExitTestBed.PostDecisionAsync(Anonymous, link, approve, comment);

    public async Task ApproveAsync(ExitCase exitCase, string step, string role)
    {
        var link = await WaitForLinkAsync(exitCase.CaseId, step, ExitTestBed.Recipient(role, exitCase));
        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(link, approve: true, "核实无误")).StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        County.Dispose();
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private static IEnumerable<string> Links(string page) =>
        Href().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(h => h.StartsWith("http", StringComparison.Ordinal))
            .Select(h => new Uri(h).PathAndQuery);

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
