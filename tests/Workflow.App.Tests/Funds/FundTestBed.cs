using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Calendar;
using Workflow.Domain.Funds;
using Workflow.Domain.Register;
using Workflow.Testing;
using Workflow.App.Funds;
using Workflow.App.Funds.Web;
using Workflow.App.Register;
using Workflow.App.Tests.Exits;
using Workflow.App.Tests.Rectification;
using Workflow.App.Tests.Register;
using Xunit;

namespace Workflow.App.Tests.Funds;

/// <summary>
/// The whole app on real Kestrel with its own Azurite and the durable engine, a county clock the test moves, and a
/// working-day calendar the test gives: a 2026 whose 5 and 6 March (Thursday, Friday) are holidays, so a deadline
/// counted in its working days differs from the shipped calendar's. Payers and the 经管站 act only through the links
/// in their inbox.
/// </summary>
internal sealed class FundTestBed : IAsyncDisposable
{
    /// <summary>Monday 2 March 2026, 09:00 in Beijing.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The injected calendar: 2026 with a two-day break on Thursday 5 and Friday 6 March.</summary>
    public static readonly WorkingCalendar Calendar = new([new HolidaySchedule(2026, "测试用日历", [new HolidayBreak("测试假期", new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 6))], [])]);

    private readonly AzuriteProcess _azurite;
    private readonly RunningApp _app;

    private FundTestBed(AzuriteProcess azurite, RunningApp app, ManualClock clock, HttpClient county, County places)
    {
        _azurite = azurite;
        _app = app;
        Clock = clock;
        County = county;
        Places = places;
        Inbox = new LedgerClient(() => County, () => Anonymous, places.Code, 2026);
    }

    public ManualClock Clock { get; }

    /// <summary>Signed in as a county officer (again after <see cref="SignInAgainAsync"/>).</summary>
    public HttpClient County { get; private set; }

    /// <summary>A phone with a link: no sign-in.</summary>
    public HttpClient Anonymous => _app.Client;

    public County Places { get; }

    public Township Township => Places.Townships[0];

    public IServiceProvider Services => _app.Services;

    private LedgerClient Inbox { get; }

    public static async Task<FundTestBed> StartAsync()
    {
        var azurite = await AzuriteProcess.StartAsync();
        var clock = new ManualClock(Start);
        var app = await RunningApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
                builder.Services.AddSingleton(Calendar);
            },
            [("Storage:ConnectionString", azurite.ConnectionString), ("Evidence:MaxBytes", "1048576")]);
        var county = RegisterTestBed.Generate();
        var directory = app.Services.GetRequiredService<CountyDirectory>();
        await directory.SavePlacesAsync(county, CancellationToken.None);
        await directory.SaveCountyAsync(new RegisteredCounty(county.Code, county.Name, null), CancellationToken.None);
        var places = (await directory.FindPlacesAsync(county.Code, CancellationToken.None))!;
        return new FundTestBed(azurite, app, clock, await RunningApp.SignedInClientAsync(app.Client.BaseAddress!), places);
    }

    public FundAllocationForm Form(decimal? amount = 100_000m, string number = "县财字〔2026〕12号", string date = "2026-03-02") =>
        new(Township.Name, "中央财政专项扶贫资金", amount, number, date);

    public Task<HttpResponseMessage> PostAllocationAsync(FundAllocationForm form) =>
        County.PostAsJsonAsync($"/api/counties/{Places.Code}/funds/allocations", form, LedgerTestBed.Json);

    public async Task<FundAllocation> AllocateAsync(FundAllocationForm form)
    {
        var response = await PostAllocationAsync(form);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<FundAllocation>(LedgerTestBed.Json))!;
    }

    public async Task<FundDetail> DetailAsync(string allocationId) =>
        (await County.GetFromJsonAsync<FundDetail>($"/api/funds/allocations/{allocationId}", LedgerTestBed.Json))!;

    /// <summary>Waits until the allocation satisfies <paramref name="condition"/> (the worker runs on its own).</summary>
    public async Task<FundDetail> WaitForAsync(string allocationId, Func<FundDetail, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var detail = await DetailAsync(allocationId);
            if (condition(detail))
            {
                return detail;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{allocationId} did not reach: {what}. Steps: " +
                string.Join(" | ", detail.Steps.Select(s => $"{s.Step} due {s.DueOn} paid {s.PaidOn} {s.Overdue}")));
            await Task.Delay(100);
        }
    }

    /// <summary>The newest link under <paramref name="path"/> (/pay/record/ or /pay/request/) the recipient got for the step, waiting for the <paramref name="count"/>th.</summary>
    public async Task<string> LinkAsync(string recipient, string path, string allocationId, string step, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var links = (await Inbox.InboxLinksAsync(recipient, path)).Where(l => ExitTestBed.PayloadOf(l) is { } p && p.Subject == allocationId && p.Step == step).ToList();
            if (links.Count >= count)
            {
                return links[0];
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {path} link #{count} for {allocationId} / {step} reached {recipient}; it has {links.Count}.");
            await Task.Delay(100);
        }
    }

    public Task<string> WaitForInboxAsync(string recipient, string text) => Inbox.WaitForInboxAsync(recipient, text);

    /// <summary>Records a payment through a link as a phone would: amount, date, name and a voucher (a JPEG unless given).</summary>
    public async Task<HttpResponseMessage> PayAsync(string link, string amount, string date, byte[]? voucher = null, string fileName = "凭证.jpg", string name = "刘会计")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(amount), "amount" },
            { new StringContent(date), "date" },
            { new StringContent(name), "name" },
        };
        var file = new ByteArrayContent(voucher ?? LedgerTestBed.Jpeg);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "voucher", fileName);
        return await Anonymous.PostAsync(link, form);
    }

    /// <summary>The 经管站 enters a village's reviewed payment request through its link.</summary>
    public async Task<HttpResponseMessage> RequestAsync(string link, Village village, string amount, string purpose = "产业扶贫项目资金", string name = "赵站长")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(village.Code), "village" },
            { new StringContent(amount), "amount" },
            { new StringContent(purpose), "purpose" },
            { new StringContent("yes"), "reviewed" },
            { new StringContent(name), "name" },
        };
        return await Anonymous.PostAsync(link, form);
    }

    /// <summary>A new sign-in, for when the clock has moved past the session's lifetime.</summary>
    public async Task SignInAgainAsync()
    {
        County.Dispose();
        County = await RunningApp.SignedInClientAsync(Anonymous.BaseAddress!);
    }

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
