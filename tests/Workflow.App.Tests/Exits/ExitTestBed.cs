using Xunit;
using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Exits;
using Workflow.Domain.Standards;
using Workflow.Testing;
using Workflow.App.Exits;
using Workflow.App.Exits.Web;
using Workflow.App.Links;
using Workflow.App.Register;
using Workflow.App.Tests.Register;

namespace Workflow.App.Tests.Exits;

/// <summary>
/// The whole app on real Kestrel with its own Azurite, a small county on the register, a signed-in county officer
/// and a county clock the test moves: cases run on the durable engine (DTFx) in the same Azurite, their county timers
/// re-reading that clock every second, and everything else (cases, links, audit, evidence, outbox, inbox) is there too. Approvers act only through links found in the inbox.
/// </summary>
internal sealed partial class ExitTestBed : IAsyncDisposable
{
    /// <summary>Monday 2 March 2026, 09:00 in Beijing: a plain working week.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The small test county with 20 households still to exit (the cases a test can start).</summary>
    public static readonly Domain.Demo.DemoCountySpec Spec = RegisterTestBed.SmallSpec with { HouseholdsDueToExit = 20, PeopleDueToExit = 60 };

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly AzuriteProcess _azurite;
    private readonly RunningApp _app;

    private ExitTestBed(AzuriteProcess azurite, RunningApp app, ManualClock clock, HttpClient county, IReadOnlyList<RegisteredHousehold> households)
    {
        _azurite = azurite;
        _app = app;
        Clock = clock;
        County = county;
        Households = households;
    }

    public ManualClock Clock { get; }

    /// <summary>Signed in as 县扶贫办 王干事 (CountyOfficer).</summary>
    public HttpClient County { get; }

    /// <summary>An approver's phone: no sign-in, no cookies.</summary>
    public HttpClient Anonymous => _app.Client;

    public IReadOnlyList<RegisteredHousehold> Households { get; }

    public IServiceProvider Services => _app.Services;

    public string CountyCode => Spec.CountyCode;

    public static Task<ExitTestBed> StartAsync(params (string Key, string Value)[] settings) => StartAsync(null, settings);

    /// <param name="configure">More for the app's builder, e.g. a log capture.</param>
    public static async Task<ExitTestBed> StartAsync(Action<WebApplicationBuilder>? configure, params (string Key, string Value)[] settings)
    {
        var azurite = await AzuriteProcess.StartAsync();
        var clock = new ManualClock(Start);
        var app = await RunningApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
                configure?.Invoke(builder);
            },
            [("Storage:ConnectionString", azurite.ConnectionString), ("Evidence:MaxBytes", "1048576"), .. settings]);
        await app.Services.GetRequiredService<DemoCountyLoader>().LoadAsync(Spec, 7, CancellationToken.None);
        var households = new List<RegisteredHousehold>();
        var register = app.Services.GetRequiredService<RegisterStore>();
        var places = await app.Services.GetRequiredService<CountyDirectory>().FindPlacesAsync(Spec.CountyCode, CancellationToken.None);
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
        return new ExitTestBed(azurite, app, clock, county, households);
    }

    public static HouseholdConditions Passing => HouseholdConditions.AllSecured(9000m);

    public async Task<ExitCase> StartCaseAsync(int householdIndex, HouseholdConditions? conditions = null)
    {
        var response = await County.PostAsJsonAsync($"/api/counties/{CountyCode}/exits",
            new StartExitRequest(Households[householdIndex].Household.Number, conditions ?? Passing), Json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ExitCase>(Json))!;
    }

    public async Task<ExitCaseDetail> DetailAsync(string caseId) =>
        (await County.GetFromJsonAsync<ExitCaseDetail>($"/api/exits/{caseId}", Json))!;

    /// <summary>Waits until the case satisfies <paramref name="condition"/> (the worker and the outbox run on their own).</summary>
    public async Task<ExitCaseDetail> WaitForAsync(string caseId, Func<ExitCaseDetail, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var detail = await DetailAsync(caseId);
            if (condition(detail))
            {
                return detail;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Case {caseId} did not reach: {what}. It is {detail.Case.Status} at {detail.Case.CurrentStep}; history: " +
                            string.Join(" | ", detail.Timeline.Select(t => t.Text)));
            }

            await Task.Delay(100);
        }
    }

    public Task<ExitCaseDetail> WaitForStepAsync(string caseId, string step) =>
        WaitForAsync(caseId, d => d.Case.CurrentStep == step, $"step {step}");

    /// <summary>The newest link in <paramref name="recipient"/>'s inbox for the case and step (an approver's notification), waiting for it to arrive.</summary>
    public async Task<string> WaitForLinkAsync(string caseId, string step, string recipient, int skip = 0, string path = "/decide/")
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var links = await InboxLinksAsync(recipient, path);
            var matching = links.Where(l => PayloadOf(l) is { } p && p.Subject == caseId && p.Step == step).ToList();
            if (matching.Count > skip)
            {
                // The inbox lists newest first.
                return matching[0];
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"No {path} link for {caseId} / {step} reached {recipient}; the inbox has {links.Count} such links.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits until a message containing <paramref name="text"/> is in the recipient's inbox; returns the inbox page.</summary>
    public async Task<string> WaitForInboxAsync(string recipient, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var page = await Anonymous.GetStringAsync($"/inbox?recipient={Uri.EscapeDataString(recipient)}");
            if (page.Contains(WebUtility.HtmlEncode(text), StringComparison.Ordinal) || page.Contains(text, StringComparison.Ordinal))
            {
                return page;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No message with “{text}” reached {recipient}.");
            await Task.Delay(100);
        }
    }

    public async Task<List<string>> InboxLinksAsync(string recipient, string path = "/decide/")
    {
        var page = await Anonymous.GetStringAsync($"/inbox?recipient={Uri.EscapeDataString(recipient)}");
        return Href().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(h => h.Contains(path, StringComparison.Ordinal))
            .Select(h => new Uri(h).PathAndQuery).ToList();
    }

    /// <summary>Every capability token any message in the inbox carried, for anyone.</summary>
    public async Task<IReadOnlyList<string>> IssuedTokensAsync()
    {
        var page = await Anonymous.GetStringAsync("/inbox");
        return Href().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(h => h.StartsWith("http", StringComparison.Ordinal))
            .Select(h => h[(h.LastIndexOf('/') + 1)..]).Where(t => t.Count(c => c == '.') == 2).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Opens the link and submits the form as an approver on a phone would.</summary>
    /// <param name="objections">For an objection review, the objections the form lists (its hidden fields); by default
    /// those the page lists when it is opened now.</param>
    public Task<HttpResponseMessage> DecideAsync(string link, bool approve, string? comment = null, string name = "张审核", HttpContent? evidence = null, string? fileName = null,
        IReadOnlyList<string>? objections = null) =>
        PostDecisionAsync(Anonymous, link, approve, comment, name, evidence, fileName, objections);

    /// <summary>
    /// Posts a decision link's form as the approver's phone does; at an objection review it posts the objections the page
    /// lists (the reviewer decides what they saw) unless <paramref name="objections"/> says otherwise.
    /// </summary>
    public static async Task<HttpResponseMessage> PostDecisionAsync(HttpClient phone, string link, bool approve, string? comment = null, string name = "张审核",
        HttpContent? evidence = null, string? fileName = null, IReadOnlyList<string>? objections = null)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(approve ? "approve" : "reject"), "decision" },
            { new StringContent(name), "name" },
            { new StringContent(comment ?? string.Empty), "comment" },
        };
        if (PayloadOf(link) is { } payload && ExitProcedure.IsObjectionReview(payload.Step))
        {
            foreach (var objection in objections ?? await ListedObjectionsAsync(phone, link))
            {
                form.Add(new StringContent(objection), "objection");
            }
        }
        if (evidence is not null)
        {
            form.Add(evidence, "evidence", fileName ?? "photo.jpg");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, link) { Content = form };
        request.Headers.UserAgent.ParseAdd("ExitTests/1.0");
        return await phone.SendAsync(request);
    }

    /// <summary>The objections an objection review's page lists now, as the hidden fields of its form.</summary>
    public Task<List<string>> ListedObjectionsAsync(string link) => ListedObjectionsAsync(Anonymous, link);

    private static async Task<List<string>> ListedObjectionsAsync(HttpClient phone, string link)
    {
        var page = await phone.GetStringAsync(link);
        return ListedObjection().Matches(page).Select(m => m.Groups[1].Value).ToList();
    }

    /// <summary>Approves the step with the newest link its decider received, a few minutes after it arrived.</summary>
    public async Task ApproveAsync(ExitCase exitCase, string step, string role)
    {
        var link = await WaitForLinkAsync(exitCase.CaseId, step, Recipient(role, exitCase));
        Advance(TimeSpan.FromMinutes(5));
        var response = await DecideAsync(link, approve: true, comment: "核实无误");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Takes a started case through every step to 销号, each decider approving from their inbox, the notice running its 7 days.</summary>
    public async Task<ExitCaseDetail> ApproveThroughAsync(ExitCase exitCase)
    {
        await ApproveAsync(exitCase, ExitProcedure.Appraisal, "VillageCommittee");
        await ApproveAsync(exitCase, ExitProcedure.Verification, "WorkTeam");
        await ApproveAsync(exitCase, ExitProcedure.Consent, "Household");
        await WaitForStepAsync(exitCase.CaseId, ExitProcedure.Notice);
        Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await ApproveAsync(exitCase, ExitProcedure.TownshipReview, "TownshipApprover");
        await ApproveAsync(exitCase, ExitProcedure.CountyApproval, "CountyOfficer");
        return await WaitForAsync(exitCase.CaseId, d => d.Case.Status == ExitCaseStatus.Approved && d.Timeline.Any(t => t.Kind == TimelineKinds.Deregistered), "approved and deregistered");
    }

    /// <summary>Approves the three steps before the notice; returns when the notice runs.</summary>
    public async Task<ExitCase> DriveToNoticeAsync(int householdIndex)
    {
        var c = await StartCaseAsync(householdIndex);
        await ApproveAsync(c, ExitProcedure.Appraisal, "VillageCommittee");
        await ApproveAsync(c, ExitProcedure.Verification, "WorkTeam");
        await ApproveAsync(c, ExitProcedure.Consent, "Household");
        await WaitForStepAsync(c.CaseId, ExitProcedure.Notice);
        return c;
    }

    /// <summary>The notice link the village committee received, and the objection form its QR code opens.</summary>
    public async Task<(string Notice, string Objections)> NoticeLinksAsync(ExitCase c)
    {
        var notice = await WaitForLinkAsync(c.CaseId, ExitProcedure.Notice, Recipient("VillageCommittee", c), path: "/notices/");
        return (notice, notice.Replace("/notices/", "/objections/", StringComparison.Ordinal));
    }

    /// <summary>Submits the objection form as a villager would.</summary>
    public async Task<HttpResponseMessage> FileObjectionAsync(string objectionForm, string contact, string reason)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["contact"] = contact, ["reason"] = reason });
        return await Anonymous.PostAsync(objectionForm, form);
    }

    public static string Recipient(string role, ExitCase c) => role switch
    {
        "VillageCommittee" or "WorkTeam" or "Household" => $"{role}@{c.VillageCode}",
        "TownshipApprover" or "TownshipLeader" => $"{role}@{c.TownshipCode}",
        _ => $"{role}@{c.CountyCode}",
    };

    /// <summary>Moves the controllable clock; timers due by then fire within the worker's next poll.</summary>
    public void Advance(TimeSpan by) => Clock.Advance(by);

    /// <summary>What a link's token says, read without checking the signature (the test's view of a URL it was sent).</summary>
    public static CapabilityLink? PayloadOf(string link)
    {
        var token = link[(link.LastIndexOf('/') + 1)..];
        var parts = token.Split('.');
        return parts.Length == 3 ? JsonSerializer.Deserialize<CapabilityLink>(Base64Url.DecodeFromChars(parts[1])) : null;
    }

    public async ValueTask DisposeAsync()
    {
        County.Dispose();
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex("<input type=\"hidden\" name=\"objection\" value=\"([^\"]+)\"")]
    private static partial Regex ListedObjection();
}
