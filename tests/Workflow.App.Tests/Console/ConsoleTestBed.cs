using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Demo;
using Workflow.Domain.Register;
using Workflow.Domain.Standards;
using Workflow.Testing;
using Workflow.App.Exits;
using Workflow.App.Exits.Web;
using Workflow.App.Register;
using Workflow.App.Tests.Exits;
using Xunit;

namespace Workflow.App.Tests.Console;

/// <summary>
/// The whole app on real Kestrel with its own Azurite and a clock the test moves, and the small test county on the
/// register with markup in a township's and a village's name: the console must show both as text. Exit cases run on the
/// durable engine (DTFx) in that Azurite, their timers in the test's county time; approvers act through the links the inbox shows.
/// </summary>
internal sealed partial class ConsoleTestBed : IAsyncDisposable
{
    public const string HtmlTownship = "<i>碧城镇</i>";
    public const string HtmlVillage = "<img src=x onerror=\"window.__xss=1\">新村";

    /// <summary>30 households / 100 people, 20 of them (60 people) not exited, so cases can be started.</summary>
    public static readonly DemoCountySpec Spec = ExitTestBed.Spec with { Townships = [HtmlTownship, "金山镇"] };

    private readonly AzuriteProcess _azurite;
    private readonly RunningApp _app;

    private ConsoleTestBed(AzuriteProcess azurite, RunningApp app, ManualClock clock, County county, HttpClient officer)
    {
        _azurite = azurite;
        _app = app;
        Clock = clock;
        County = county;
        Officer = officer;
    }

    public ManualClock Clock { get; }

    /// <summary>The county as generated and saved, households included: the figures a test computes by hand come from here.</summary>
    public County County { get; }

    public string CountyCode => County.Code;

    /// <summary>Signed in as 县扶贫办 王干事 (CountyOfficer).</summary>
    public HttpClient Officer { get; }

    public Uri BaseAddress => _app.Client.BaseAddress!;

    public IServiceProvider Services => _app.Services;

    public IEnumerable<(Township Township, Village Village, Household Household)> Households =>
        County.Townships.SelectMany(t => t.Villages.SelectMany(v => v.Households.Select(h => (t, v, h))));

    public static async Task<ConsoleTestBed> StartAsync()
    {
        var azurite = await AzuriteProcess.StartAsync();
        var clock = new ManualClock(ExitTestBed.Start);
        var app = await RunningApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
            },
            ("Storage:ConnectionString", azurite.ConnectionString));
        var county = WithHtmlVillage(DemoCountyGenerator.Generate(Spec, 7));
        await SaveAsync(app.Services, county);
        var officer = await RunningApp.SignedInClientAsync(app.Client.BaseAddress!);
        return new ConsoleTestBed(azurite, app, clock, county, officer);
    }

    /// <summary>A client with no cookies that does not follow redirects.</summary>
    public HttpClient Anonymous() => Client(BaseAddress);

    /// <summary>A client signed in at the development sign-in as "name|role".</summary>
    public Task<HttpClient> SignInAsync(string demoUser) => RunningApp.SignedInClientAsync(BaseAddress, demoUser);

    public async Task<ExitCase> StartCaseAsync(Household household)
    {
        var response = await Officer.PostAsJsonAsync($"/api/counties/{CountyCode}/exits",
            new StartExitRequest(household.Number, HouseholdConditions.AllSecured(9000m)), ExitTestBed.Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ExitCase>(ExitTestBed.Json))!;
    }

    public async Task<ExitCase> WaitForAsync(string caseId, Func<ExitCase, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var detail = (await Officer.GetFromJsonAsync<ExitCaseDetail>($"/api/exits/{caseId}", ExitTestBed.Json))!;
            if (condition(detail.Case))
            {
                return detail.Case;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Case {caseId} did not reach: {what}; it is {detail.Case.Status} at {detail.Case.CurrentStep}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Decides the case's current step with the link its decider received, as the approver on a phone would.</summary>
    public async Task DecideAsync(ExitCase exitCase, string step, string role, bool approve)
    {
        var link = await WaitForLinkAsync(exitCase.CaseId, step, ExitTestBed.Recipient(role, exitCase));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(approve ? "approve" : "reject"), "decision" },
            { new StringContent("张审核"), "name" },
            { new StringContent(approve ? "核实无误" : "收入不稳定，暂缓退出"), "comment" },
        };
        using var anonymous = Anonymous();
        var response = await anonymous.PostAsync(link, form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await WaitForAsync(exitCase.CaseId, c => c.CurrentStep != step, $"past {step}");
    }

    public async Task WithdrawAsync(ExitCase exitCase)
    {
        var response = await Officer.PostAsJsonAsync($"/api/exits/{exitCase.CaseId}/withdraw", new WithdrawRequest("户主外出务工，暂不办理"), ExitTestBed.Json);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await WaitForAsync(exitCase.CaseId, c => c.Status == ExitCaseStatus.Withdrawn, "withdrawn");
    }

    public async ValueTask DisposeAsync()
    {
        Officer.Dispose();
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private async Task<string> WaitForLinkAsync(string caseId, string step, string recipient)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        using var anonymous = Anonymous();
        while (true)
        {
            var inbox = await anonymous.GetStringAsync($"/inbox?recipient={Uri.EscapeDataString(recipient)}");
            var link = Href().Matches(inbox).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
                .FirstOrDefault(h => h.Contains("/decide/", StringComparison.Ordinal) && ExitTestBed.PayloadOf(h) is { } p && p.Subject == caseId && p.Step == step);
            if (link is not null)
            {
                return new Uri(link).PathAndQuery;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No decision link for {caseId} reached {recipient}.");
            await Task.Delay(100);
        }
    }

    private static County WithHtmlVillage(County county)
    {
        var first = county.Townships[0];
        var renamed = first with { Villages = [first.Villages[0] with { Name = HtmlVillage }, .. first.Villages.Skip(1)] };
        return county with { Townships = [renamed, .. county.Townships.Skip(1)] };
    }

    /// <summary>Puts the county on the register as the demo loader does: places, households, then the county row.</summary>
    private static async Task SaveAsync(IServiceProvider services, County county)
    {
        var directory = services.GetRequiredService<CountyDirectory>();
        var store = services.GetRequiredService<RegisterStore>();
        await directory.SavePlacesAsync(county, CancellationToken.None);
        var index = await store.ReadIndexAsync(county.Code, CancellationToken.None);
        await store.SaveAsync(county.Code, index, county.Townships.SelectMany(t => t.Villages.SelectMany(v => v.Households.Select(h =>
            new RegisteredHousehold(t.Code, t.Name, v.Code, v.Name, h)))), CancellationToken.None);
        await directory.SaveCountyAsync(new RegisteredCounty(county.Code, county.Name, null), CancellationToken.None);
    }

    private static HttpClient Client(Uri baseAddress) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    /// <summary>
    /// The rows of the page's table with the id, each cell as its text (tags dropped, entities decoded) and its link if
    /// it has one. Enough for the console's own markup, which the tests know; the browser tests read the page as a person would.
    /// </summary>
    public static List<List<(string Text, string? Href)>> Table(string page, string id)
    {
        var table = Regex.Match(page, $"<table[^>]*id=\"{id}\"[^>]*>(.*?)</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"The page has no table #{id}.");
        return Row().Matches(table.Groups[1].Value)
            .Select(row => Cell().Matches(row.Groups[1].Value).Select(cell =>
            {
                var href = Href().Match(cell.Groups[1].Value);
                return (WebUtility.HtmlDecode(Tag().Replace(cell.Groups[1].Value, string.Empty)).Trim(), href.Success ? WebUtility.HtmlDecode(href.Groups[1].Value) : null);
            }).ToList())
            .ToList();
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex("<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex("<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
