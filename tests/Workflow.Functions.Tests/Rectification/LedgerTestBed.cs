using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Rectification;
using Workflow.Domain.Register;
using Workflow.Durable;
using Workflow.Functions.Register;
using Workflow.Functions.Rectification;
using Workflow.Functions.Rectification.Web;
using Workflow.Functions.Tests.Exits;
using Workflow.Functions.Tests.Register;
using Xunit;

namespace Workflow.Functions.Tests.Rectification;

/// <summary>
/// The whole app on real Kestrel with its own Azurite, a small county's places in the directory, a signed-in county
/// officer and a clock the test moves: durable timers run on the runtime's in-memory backend under that clock, the
/// ledger, links, audit, evidence, outbox and inbox are in Azurite. Units and the county verifier act only through the
/// links found in the inbox. The lead's campaign tests can use it as it is (<see cref="CloseThroughLinksAsync"/>).
/// </summary>
internal sealed partial class LedgerTestBed : IAsyncDisposable
{
    /// <summary>Monday 2 March 2026, 09:00 in Beijing: a plain working week.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public const int Year = 2026;

    /// <summary>A small JPEG's first bytes: enough for the evidence store's signature check.</summary>
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly AzuriteProcess _azurite;
    private readonly RunningApp _app;

    private LedgerTestBed(AzuriteProcess azurite, RunningApp app, ManualClock clock, HttpClient county, County places)
    {
        _azurite = azurite;
        _app = app;
        Clock = clock;
        County = county;
        Places = places;
    }

    public ManualClock Clock { get; }

    /// <summary>Signed in as 县扶贫办 王干事 (CountyOfficer).</summary>
    public HttpClient County { get; }

    /// <summary>A phone with a link: no sign-in, no cookies.</summary>
    public HttpClient Anonymous => _app.Client;

    /// <summary>The county's townships (碧城镇, 金山镇) as the directory keeps them.</summary>
    public County Places { get; }

    public string CountyCode => Places.Code;

    public IServiceProvider Services => _app.Services;

    public static Task<LedgerTestBed> StartAsync(params (string Key, string Value)[] settings) => StartAsync(RegisterTestBed.Generate(), Start, settings);

    /// <summary>Another county's places (e.g. 洮南's townships for a 2018 campaign) and another start on the clock.</summary>
    public static async Task<LedgerTestBed> StartAsync(County county, DateTimeOffset start, params (string Key, string Value)[] settings)
    {
        var azurite = await AzuriteProcess.StartAsync();
        var clock = new ManualClock(start);
        var store = new InMemoryDurableStore(clock);
        var app = await RunningApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
                builder.Services.AddSingleton<IDurableStore>(store);
            },
            [("Storage:ConnectionString", azurite.ConnectionString), ("Evidence:MaxBytes", "1048576"), .. settings]);
        var directory = app.Services.GetRequiredService<CountyDirectory>();
        await directory.SavePlacesAsync(county, CancellationToken.None);
        await directory.SaveCountyAsync(new RegisteredCounty(county.Code, county.Name, null), CancellationToken.None);
        var places = (await directory.FindPlacesAsync(county.Code, CancellationToken.None))!;

        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.Client.BaseAddress };
        var signIn = await client.PostAsync("/dev/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = "县扶贫办 王干事|CountyOfficer",
            ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return new LedgerTestBed(azurite, app, clock, client, places);
    }

    /// <summary>A finding for the first township, due Friday 13 March 2026; change what the test needs.</summary>
    public static FindingForm Finding(string description = "部分贫困户危房改造未验收", string unit = "县住建局", string? township = "碧城镇", string deadline = "2026-03-13",
        string source = "省检", string category = "住房安全") =>
        new(source, category, description, township, unit, deadline);

    /// <summary>Enters a finding through the API; asserts it was taken (new or entered before).</summary>
    public async Task<RectificationItem> EnterAsync(FindingForm finding, int year = Year)
    {
        var response = await County.PostAsJsonAsync($"/api/counties/{CountyCode}/rectifications/{year}", finding, Json);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<RectificationItem>(Json))!;
    }

    /// <summary>Uploads a findings file through the API, as the county office's import would.</summary>
    public async Task<HttpResponseMessage> PostImportAsync(string fileName, byte[] content, int year = Year)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        form.Add(file, RectificationApiEndpoints.FileField, fileName);
        return await County.PostAsync($"/api/counties/{CountyCode}/rectifications/{year}/imports", form);
    }

    public async Task<FindingImportReport> ImportAsync(string fileName, byte[] content, int year = Year)
    {
        var response = await PostImportAsync(fileName, content, year);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<FindingImportReport>(Json))!;
    }

    public async Task<IReadOnlyList<RectificationItem>> ListAsync(string query = "", int year = Year) =>
        (await County.GetFromJsonAsync<List<RectificationItem>>($"/api/counties/{CountyCode}/rectifications/{year}{(query.Length == 0 ? string.Empty : "?" + query)}", Json))!;

    public async Task<RectificationDetail> DetailAsync(string itemId) =>
        (await County.GetFromJsonAsync<RectificationDetail>($"/api/rectifications/{itemId}", Json))!;

    /// <summary>Waits until the item satisfies <paramref name="condition"/> (the worker and the outbox run on their own).</summary>
    public async Task<RectificationDetail> WaitForAsync(string itemId, Func<RectificationDetail, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var detail = await DetailAsync(itemId);
            if (condition(detail))
            {
                return detail;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Item {itemId} did not reach: {what}. It is {detail.Item.Status} ({detail.Item.Stage}), round {detail.Item.Round}; history: " +
                            string.Join(" | ", detail.Timeline.Select(t => t.Text)));
            }

            await Task.Delay(100);
        }
    }

    public Task<RectificationDetail> WaitForStatusAsync(string itemId, RectificationStatus status) =>
        WaitForAsync(itemId, d => d.Item.Status == status, status.ToString());

    /// <summary>The newest link of <paramref name="kind"/> (submit or verify) in the recipient's inbox for the item and step, waiting for it.</summary>
    public async Task<string> WaitForLinkAsync(string itemId, string step, string recipient, string kind, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var links = await InboxLinksAsync(recipient, $"/rectify/{kind}/");
            var matching = links.Where(l => ExitTestBed.PayloadOf(l) is { } p && p.Subject == itemId && p.Step == step).ToList();
            if (matching.Count >= count)
            {
                // The inbox lists newest first.
                return matching[0];
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"No {kind} link for {itemId} / {step} reached {recipient}; the inbox has {links.Count} such links.");
            }

            await Task.Delay(100);
        }
    }

    public Task<string> SubmitLinkAsync(RectificationItem item, int round = 1, int count = 1) =>
        WaitForLinkAsync(item.ItemId, RectificationSteps.Submit(round), RectificationRecipients.Unit(item), "submit", count);

    public Task<string> VerifyLinkAsync(RectificationItem item, int round = 1) =>
        WaitForLinkAsync(item.ItemId, RectificationSteps.Verify(round), RectificationRecipients.CountyVerifier(item), "verify");

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

    public async Task<List<string>> InboxLinksAsync(string recipient, string path)
    {
        var page = await Anonymous.GetStringAsync($"/inbox?recipient={Uri.EscapeDataString(recipient)}");
        return Href().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(h => h.Contains(path, StringComparison.Ordinal))
            .Select(h => new Uri(h).PathAndQuery).ToList();
    }

    /// <summary>The unit submits through its link, as on a phone: a statement, a name and (unless null) a photo.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string link, string comment = "已完成危房改造验收", string name = "李主任", byte[]? evidence = null, bool attach = true)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(comment), "comment" },
            { new StringContent(name), "name" },
        };
        if (attach)
        {
            var file = new ByteArrayContent(evidence ?? Jpeg);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "evidence", "验收照片.jpg");
        }

        return await PostAsync(link, form);
    }

    /// <summary>The county verifier decides through its link: close (销号) or send back with the comment as reason.</summary>
    public async Task<HttpResponseMessage> VerifyAsync(string link, bool close, string comment = "", string name = "张核验")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(close ? "verify" : "send-back"), "decision" },
            { new StringContent(comment), "comment" },
            { new StringContent(name), "name" },
        };
        return await PostAsync(link, form);
    }

    /// <summary>
    /// Closes an item the way people do: the unit submits with evidence through the newest link it got for the item's
    /// current round, the county verifies through its link; returns once the item is 已销号.
    /// </summary>
    public async Task<RectificationDetail> CloseThroughLinksAsync(RectificationItem item)
    {
        var current = (await DetailAsync(item.ItemId)).Item;
        var submit = await SubmitLinkAsync(current, current.Round);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(submit)).StatusCode);
        var verify = await VerifyLinkAsync(current, current.Round);
        Assert.Equal(HttpStatusCode.OK, (await VerifyAsync(verify, close: true, comment: "核验属实")).StatusCode);
        return await WaitForStatusAsync(item.ItemId, RectificationStatus.Closed);
    }

    /// <summary>Moves the controllable clock; timers due by then fire within the worker's next poll.</summary>
    public void Advance(TimeSpan by) => Clock.Advance(by);

    /// <summary>Moves the clock to a Beijing date and time.</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        var by = at - Clock.GetUtcNow();
        Assert.True(by >= TimeSpan.Zero, $"The clock is past {at} already.");
        Clock.Advance(by);
    }

    private async Task<HttpResponseMessage> PostAsync(string link, HttpContent form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, link) { Content = form };
        request.Headers.UserAgent.ParseAdd("LedgerTests/1.0");
        return await Anonymous.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        County.Dispose();
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
