using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Loans;
using Workflow.App.Notifications;
using Workflow.App.Register;
using Workflow.App.Tests.Register;
using Workflow.Domain.Demo;
using Workflow.Domain.Loans;
using Workflow.Domain.Register;
using Workflow.Testing;
using Xunit;

namespace Workflow.App.Tests.Loans;

/// <summary>
/// The whole app on real Kestrel with its own Azurite and the durable engine, a county clock the test moves, and the
/// small demo county on the register. The county office imports the bank's ledger through the API, signed in; the
/// notices are read from the recipients' inboxes.
/// </summary>
internal sealed class LoanTestBed : IAsyncDisposable
{
    /// <summary>Monday 2 March 2026, 09:00 in Beijing.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly AzuriteProcess _azurite;
    private readonly RunningApp _app;

    private LoanTestBed(AzuriteProcess azurite, RunningApp app, ManualClock clock, HttpClient county, County places)
    {
        _azurite = azurite;
        _app = app;
        Clock = clock;
        County = county;
        Places = places;
    }

    public ManualClock Clock { get; }

    /// <summary>Signed in as a county officer (again after <see cref="SignInAgainAsync"/>).</summary>
    public HttpClient County { get; private set; }

    public HttpClient Anonymous => _app.Client;

    /// <summary>The demo county as generated: its townships, villages and households are on the register.</summary>
    public County Places { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<LoanTestBed> StartAsync()
    {
        var azurite = await AzuriteProcess.StartAsync();
        var clock = new ManualClock(Start);
        var app = await RunningApp.StartAsync(builder => builder.Services.AddSingleton<TimeProvider>(clock), ("Storage:ConnectionString", azurite.ConnectionString));
        await app.Services.GetRequiredService<DemoCountyLoader>().LoadAsync(RegisterTestBed.SmallSpec, 7, CancellationToken.None);
        var places = DemoCountyGenerator.Generate(RegisterTestBed.SmallSpec, 7);
        return new LoanTestBed(azurite, app, clock, await RunningApp.SignedInClientAsync(app.Client.BaseAddress!), places);
    }

    /// <summary>The n-th household of the county's first township, with its village.</summary>
    public (Township Township, Village Village, Household Household) Household(int n)
    {
        var township = Places.Townships[0];
        var all = township.Villages.SelectMany(v => v.Households.Select(h => (v, h))).ToList();
        return (township, all[n].v, all[n].h);
    }

    /// <summary>Signs in again, as weeks later the sign-in has expired.</summary>
    public async Task SignInAgainAsync()
    {
        County.Dispose();
        County = await RunningApp.SignedInClientAsync(_app.Client.BaseAddress!);
    }

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>A ledger CSV in UTF-8 with a BOM, as Excel saves it: the header, then one line per row.</summary>
    public static byte[] Csv(params string[] rows) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", new[] { string.Join(",", LoanColumns.All) }.Concat(rows)) + "\r\n")];

    public static string Row(string number, string household, DateOnly due, string amount = "30000", DateOnly? start = null, string borrower = "张三", string bank = "禄丰县农村信用合作联社") =>
        $"{number},{household},{borrower},{amount},{(start ?? due.AddYears(-2)):yyyy-MM-dd},{due:yyyy-MM-dd},{bank}";

    public async Task<HttpResponseMessage> PostLedgerAsync(byte[] content, string fileName = "贷款台账.csv")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, LoanUpload.FileField, fileName);
        return await County.PostAsync($"/api/counties/{Places.Code}/loans/import", form);
    }

    public async Task<LoanImportReport> ImportAsync(byte[] content)
    {
        var response = await PostLedgerAsync(content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<LoanImportReport>(body, Json)!;
    }

    public Task<LoanRecord?> LoanAsync(string number) => Services.GetRequiredService<LoanStore>().GetAsync(Places.Code, number, CancellationToken.None);

    /// <summary>Waits until the loan's record satisfies <paramref name="condition"/> (the worker runs on its own).</summary>
    public async Task<LoanRecord> WaitForAsync(string number, Func<LoanRecord, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var record = await LoanAsync(number);
            if (record is not null && condition(record))
            {
                return record;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Loan {number} did not reach: {what}; notices {string.Join(",", record?.Notices.Select(n => n.DaysBeforeDue) ?? [])}, county time {Clock.GetUtcNow():O}.");
            await Task.Delay(100);
        }
    }

    /// <summary>The loan notices in the recipient's inbox, waiting until there are at least <paramref name="count"/>.</summary>
    public Task<IReadOnlyList<NotificationMessage>> InboxAsync(string recipient, int count) => InboxAsync(recipient, LoanNotices.Kind, count);

    /// <summary>The messages of <paramref name="kind"/> in the recipient's inbox, waiting until there are at least <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<NotificationMessage>> InboxAsync(string recipient, string kind, int count)
    {
        var inbox = Services.GetRequiredService<InboxChannel>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var messages = (await inbox.ReadAsync(recipient, 100, CancellationToken.None)).Where(m => m.Kind == kind).ToList();
            if (messages.Count >= count)
            {
                return messages;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{recipient} got {messages.Count} loan notices, not {count}.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        County.Dispose();
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
