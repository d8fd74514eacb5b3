using System.Net;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Calendar;
using Workflow.Domain.Exits;
using Workflow.Domain.Register;
using Workflow.Testing;
using Workflow.App.Analytics;
using Workflow.App.Audit;
using Workflow.App.Exits;
using Workflow.App.Register;
using Workflow.App.Tests.Register;
using Xunit;

namespace Workflow.App.Tests.Analytics;

/// <summary>
/// The app on real Kestrel with its own Azurite and the small demo county on the register, under a clock the test
/// holds at 01:00 China time (before the daily export's time, so only the test starts exports). Exit activity comes
/// two ways: cases started through the county API (their orchestrations open the first step), and case histories
/// written straight into the case store and audit log (decided steps, a notice, a rejection) — what the exit
/// orchestration writes, without waiting for approvers.
/// </summary>
internal sealed class AnalyticsTestBed : IAsyncDisposable
{
    /// <summary>Monday 2 March 2026, 01:00 in Beijing.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.FromHours(8));

    public const string ApiKey = "test-analytics-api-key-0123456789";

    public static readonly Domain.Demo.DemoCountySpec Spec = RegisterTestBed.SmallSpec with { HouseholdsDueToExit = 10, PeopleDueToExit = 30 };

    private readonly AzuriteProcess _azurite;
    private readonly RunningApp _app;

    private AnalyticsTestBed(AzuriteProcess azurite, RunningApp app, ManualClock clock, HttpClient county, IReadOnlyList<RegisteredHousehold> households)
    {
        _azurite = azurite;
        _app = app;
        Clock = clock;
        County = county;
        Households = households;
    }

    public ManualClock Clock { get; }

    /// <summary>Signed in as a county officer.</summary>
    public HttpClient County { get; }

    public HttpClient Anonymous => _app.Client;

    /// <summary>Every household on the register, in township and number order.</summary>
    public IReadOnlyList<RegisteredHousehold> Households { get; }

    public IServiceProvider Services => _app.Services;

    public AnalyticsExporter Exporter => Services.GetRequiredService<AnalyticsExporter>();

    public string CountyCode => Spec.CountyCode;

    /// <param name="calendar">The working-day calendar the app counts with (the fund deadlines among them); the shipped one unless given.</param>
    public static async Task<AnalyticsTestBed> StartAsync(WorkingCalendar? calendar = null)
    {
        var azurite = await AzuriteProcess.StartAsync();
        var clock = new ManualClock(Start);
        var app = await RunningApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
                if (calendar is not null)
                {
                    builder.Services.AddSingleton(calendar);
                }
            },
            ("Storage:ConnectionString", azurite.ConnectionString),
            ("Analytics:HouseholdKeySecret", Convert.ToBase64String(Encoding.UTF8.GetBytes("analytics-test-household-secret"))),
            ("Analytics:ApiKeys:powerbi", ApiKey));
        await app.Services.GetRequiredService<DemoCountyLoader>().LoadAsync(Spec, 7, CancellationToken.None);
        var households = new List<RegisteredHousehold>();
        var places = await app.Services.GetRequiredService<CountyDirectory>().FindPlacesAsync(Spec.CountyCode, CancellationToken.None);
        foreach (var township in places!.Townships)
        {
            await foreach (var household in app.Services.GetRequiredService<RegisterStore>().ReadTownshipAsync(places.Code, township.Code, CancellationToken.None))
            {
                households.Add(household);
            }
        }

        var county = await RunningApp.SignedInClientAsync(app.Client.BaseAddress!);
        return new AnalyticsTestBed(azurite, app, clock, county, households);
    }

    public IReadOnlyList<RegisteredHousehold> NotExited => Households.Where(h => h.Household.Status == PovertyStatus.NotExited).ToList();

    /// <summary>A scripted year: two cases started through the API, one approved to the end, one rejected at township review, one waiting at its notice.</summary>
    public async Task RunActivityAsync()
    {
        var due = NotExited;
        foreach (var household in due.Take(2))
        {
            var response = await County.PostAsJsonAsync($"/api/counties/{CountyCode}/exits",
                new StartExitRequest(household.Household.Number, Domain.Standards.HouseholdConditions.AllSecured(9000m)), Exits.ExitTestBed.Json);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }

        var cases = Services.GetRequiredService<ExitCaseStore>();
        foreach (var household in due.Take(2))
        {
            await WaitAsync(async () => (await cases.ReadTimelineAsync(ExitCaseId.For(CountyCode, household.Household.Number, 1), CancellationToken.None))
                .Any(t => t.Kind == TimelineKinds.StepOpened), "the first step to open");
        }

        await WriteCaseAsync(due[2], ExitCaseStatus.Approved, ExitProcedure.NationalOrder.Count, rejectAt: null);
        await WriteCaseAsync(due[3], ExitCaseStatus.Rejected, 5, rejectAt: ExitProcedure.TownshipReview);
        await WriteCaseAsync(due[4], ExitCaseStatus.InProgress, 4, rejectAt: null);
    }

    /// <summary>
    /// A case as the orchestration leaves it after <paramref name="steps"/> steps of the national order, a working day
    /// each (the verification escalated): its row, timeline and audited decisions.
    /// </summary>
    public async Task WriteCaseAsync(RegisteredHousehold registered, ExitCaseStatus status, int steps, string? rejectAt)
    {
        var cases = Services.GetRequiredService<ExitCaseStore>();
        var audit = Services.GetRequiredService<AuditLog>();
        var household = registered.Household;
        var caseId = ExitCaseId.For(CountyCode, household.Number, 1);
        var started = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
        var indicators = Domain.Standards.StandardCatalog.For(CountyCode, household.Income.Year).EvaluateHousehold(Domain.Standards.HouseholdConditions.AllSecured(9000m))
            .Results.Select(r => new CaseIndicator(r.Indicator.Code, r.Indicator.Name, r.Value.ToString(), r.Threshold.ToString(), r.Passed)).ToList();
        await cases.TryAddAsync(new ExitCase(caseId, CountyCode, registered.TownshipCode, registered.Township, registered.VillageCode, registered.Village,
            household.Number, household.Head.Name, household.Head.IdNumber.Mask(), 1, household.Income.Year, ExitProcedureCatalog.National.Id,
            ExitCaseStatus.InProgress, null, null, false, null, indicators, started, "县扶贫办 王干事", null, null), CancellationToken.None);
        var sequence = 0;
        var at = started;
        foreach (var step in ExitProcedure.NationalOrder.Take(steps))
        {
            var next = at.AddDays(1);
            if (step == ExitProcedure.Notice)
            {
                await cases.AppendTimelineAsync(caseId, new TimelineEntry(++sequence, at, TimelineKinds.NoticeStarted, step, "公示开始"), CancellationToken.None);
                if (status != ExitCaseStatus.InProgress)
                {
                    await cases.AppendTimelineAsync(caseId, new TimelineEntry(++sequence, next, TimelineKinds.NoticePassed, step, "公示期满"), CancellationToken.None);
                }
            }
            else if (step == ExitProcedure.Deregistration)
            {
                await cases.AppendTimelineAsync(caseId, new TimelineEntry(++sequence, at, TimelineKinds.Deregistered, step, "销号"), CancellationToken.None);
            }
            else
            {
                var approve = step != rejectAt;
                await cases.AppendTimelineAsync(caseId, new TimelineEntry(++sequence, at, TimelineKinds.StepOpened, step, "开始"), CancellationToken.None);
                if (step == ExitProcedure.Verification)
                {
                    await cases.AppendTimelineAsync(caseId, new TimelineEntry(++sequence, at.AddHours(20), TimelineKinds.Escalated, step, "逾期"), CancellationToken.None);
                }

                await audit.AppendOnceAsync(new AuditEntry(caseId, step, approve ? "approve" : "reject", "张审核", "TownshipApprover", null, next), $"decision-{step}", CancellationToken.None);
                await cases.AppendTimelineAsync(caseId, new TimelineEntry(++sequence, next, TimelineKinds.Decided, step, approve ? "同意" : "不同意", "张审核"), CancellationToken.None);
            }

            at = next;
        }

        await cases.UpdateAsync(await cases.ReadRequiredAsync(caseId, CancellationToken.None), sequence, change =>
        {
            if (status == ExitCaseStatus.InProgress)
            {
                change.NoticeUntil(at.AddDays(7));
            }
            else
            {
                change.End(status, at, status == ExitCaseStatus.Approved ? "销号" : "未通过");
            }
        }, CancellationToken.None);
    }

    public Task<ExportReport> ExportAsync(bool full = false, Func<string, int, ValueTask>? afterBatch = null) =>
        Exporter.ExportAsync(new ExportRequest(ExportRequest.OnDemand, full, afterBatch), CancellationToken.None);

    /// <summary>Every row of an exported table.</summary>
    public async Task<List<TableEntity>> TableRowsAsync(ExportTable table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Exporter.TableOf(table).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The day's CSV snapshot of a table: its bytes.</summary>
    public async Task<byte[]> CsvAsync(ExportTable table, DateOnly date) =>
        (await Exporter.Container.GetBlobClient(CsvSnapshot.BlobName(date, table)).DownloadContentAsync()).Value.Content.ToArray();

    public static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
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
