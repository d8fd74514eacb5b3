using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Rectification;
using Workflow.Domain.Register;
using Workflow.Testing;
using Workflow.App.Register;
using Workflow.App.Rectification;
using Workflow.App.Rectification.Web;
using Workflow.App.Tests.Exits;
using Workflow.App.Tests.Register;
using Xunit;

namespace Workflow.App.Tests.Rectification;

/// <summary>
/// The whole app on real Kestrel with its own Azurite, a small county's places in the directory, a signed-in county
/// officer and a county clock the test moves: items run on the durable engine (DTFx) in the same Azurite, their county
/// timers re-reading that clock every second; the ledger, links, audit, evidence, outbox and inbox are there too. Units and the county verifier act only through the
/// links found in the inbox. The lead's campaign tests can use it as it is (<see cref="CloseThroughLinksAsync"/>).
/// </summary>
internal sealed class LedgerTestBed : IAsyncDisposable
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
        var app = await RunningApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
            },
            [("Storage:ConnectionString", azurite.ConnectionString), ("Evidence:MaxBytes", "1048576"), .. settings]);
        var directory = app.Services.GetRequiredService<CountyDirectory>();
        await directory.SavePlacesAsync(county, CancellationToken.None);
        await directory.SaveCountyAsync(new RegisteredCounty(county.Code, county.Name, null), CancellationToken.None);
        var places = (await directory.FindPlacesAsync(county.Code, CancellationToken.None))!;

        var client = await RunningApp.SignedInClientAsync(app.Client.BaseAddress!);
        return new LedgerTestBed(azurite, app, clock, client, places);
    }

    /// <summary>A finding for the first township, due Friday 13 March 2026; change what the test needs.</summary>
    public static FindingForm Finding(string description = "部分贫困户危房改造未验收", string unit = "县住建局", string? township = "碧城镇", string deadline = "2026-03-13",
        string source = "省检", string category = "住房安全") =>
        new(source, category, description, township, unit, deadline);

    /// <summary>The ledger over HTTP: findings through the API, units and the verifier through their links.</summary>
    public LedgerClient Ledger => new(() => County, () => Anonymous, CountyCode, Year);

    public Task<RectificationItem> EnterAsync(FindingForm finding, int year = Year) => Ledger.EnterAsync(finding, year);

    public Task<HttpResponseMessage> PostImportAsync(string fileName, byte[] content, int year = Year) => Ledger.PostImportAsync(fileName, content, year);

    public Task<FindingImportReport> ImportAsync(string fileName, byte[] content, int year = Year) => Ledger.ImportAsync(fileName, content, year);

    public Task<IReadOnlyList<RectificationItem>> ListAsync(string query = "", int year = Year) => Ledger.ListAsync(query, year);

    public Task<RectificationDetail> DetailAsync(string itemId) => Ledger.DetailAsync(itemId);

    public Task<RectificationDetail> WaitForAsync(string itemId, Func<RectificationDetail, bool> condition, string what) => Ledger.WaitForAsync(itemId, condition, what);

    public Task<RectificationDetail> WaitForStatusAsync(string itemId, RectificationStatus status) => Ledger.WaitForStatusAsync(itemId, status);

    public Task<string> WaitForLinkAsync(string itemId, string step, string recipient, string kind, int count = 1) =>
        Ledger.WaitForLinkAsync(itemId, step, recipient, kind, count);

    public Task<string> SubmitLinkAsync(RectificationItem item, int round = 1, int count = 1) => Ledger.SubmitLinkAsync(item, round, count);

    public Task<string> VerifyLinkAsync(RectificationItem item, int round = 1) => Ledger.VerifyLinkAsync(item, round);

    public Task<string> WaitForInboxAsync(string recipient, string text) => Ledger.WaitForInboxAsync(recipient, text);

    public Task<List<string>> InboxLinksAsync(string recipient, string path) => Ledger.InboxLinksAsync(recipient, path);

    public Task<HttpResponseMessage> SubmitAsync(string link, string comment = "已完成危房改造验收", string name = "李主任", byte[]? evidence = null, bool attach = true) =>
        Ledger.SubmitAsync(link, comment, name, evidence, attach);

    public Task<HttpResponseMessage> VerifyAsync(string link, bool close, string comment = "", string name = "张核验") => Ledger.VerifyAsync(link, close, comment, name);

    public Task<RectificationDetail> CloseThroughLinksAsync(RectificationItem item) => Ledger.CloseThroughLinksAsync(item);

    /// <summary>Moves the controllable clock; timers due by then fire within the worker's next poll.</summary>
    public void Advance(TimeSpan by) => Clock.Advance(by);

    /// <summary>Moves the clock to a Beijing date and time.</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        var by = at - Clock.GetUtcNow();
        Assert.True(by >= TimeSpan.Zero, $"The clock is past {at} already.");
        Clock.Advance(by);
    }

    public async ValueTask DisposeAsync()
    {
        County.Dispose();
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
