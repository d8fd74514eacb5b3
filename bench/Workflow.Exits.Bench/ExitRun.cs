using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Workflow.Domain.Demo;
using Workflow.Domain.Exits;
using Workflow.Domain.Register;
using Workflow.Domain.Standards;
using Workflow.App.Exits;
using Workflow.App.Exits.Web;
using Workflow.App.Register;
using Workflow.Testing;
using Workflow.Testing.Exits;

namespace Workflow.Exits.Bench;

/// <summary>
/// One run: Azurite, the 禄丰 county on the register, the counting relay, the app as a separate process (Development,
/// 2-second notice), then a few cases alone (the unloaded baseline) and then the measured batch, every step decided by
/// scripted approvers through the links the app's robot webhook posts them.
/// </summary>
internal static class ExitRun
{
    public const int MaxHouseholds = 3000;
    public const string HubName = "exitbench";

    /// <summary>The most households one batch request may start (the API's limit).</summary>
    public const int MaxBatch = 1000;

    /// <summary>禄丰 2020 at full size (14 townships, 104 villages, 7,095 households), with enough households not yet exited to start them all.</summary>
    public static readonly DemoCountySpec County = DemoCountySpec.Lufeng2020 with
    {
        HouseholdsDueToExit = MaxHouseholds + 10,
        PeopleDueToExit = 11_000,
    };

    private static readonly TimeSpan Stall = TimeSpan.FromMinutes(2);

    private static string AppDll => Path.Combine(AppContext.BaseDirectory, "Workflow.Host.dll");

    public static async Task<ExitRunResult> RunAsync(ExitBenchOptions options, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var loadAverage = ProcessCpu.LoadAverage();
        await using var azurite = await AzuriteProcess.StartAsync(cancellationToken: cancellationToken);
        var direct = azurite.Tables();
        var households = await LoadCountyAsync(azurite);
        var loaded = total.Elapsed;
        Console.WriteLine($"[{total.Elapsed.TotalSeconds,6:0.0} s] Azurite up, {County.CountyName} on the register ({County.Households} households, {households.Count} not yet exited)");

        await using var proxy = CountingStorageProxy.Start(azurite);
        var (directMs, relayedMs) = await proxy.MeasureOverheadAsync(direct, 2000);
        await using var hubAzurite = options.HubAccount ? await AzuriteProcess.StartAsync(cancellationToken: cancellationToken) : null;
        await using var hubProxy = hubAzurite is null ? null : CountingStorageProxy.Start(hubAzurite, countInto: proxy);
        var hubQueues = (hubAzurite ?? azurite).Queues();
        (string, string)[] hubSettings = hubProxy is null ? [] : [("Durable:Connection", "DurableStorage"), ("DurableStorage:ConnectionString", hubProxy.ConnectionString)];
        var webhook = ScriptedApprovers.FreeWebhookUrl();
        await using var app = await WorkflowAppProcess.StartAsync(AppDll, [
            ("Notifications:Webhook:Url", webhook.AbsoluteUri),
            // As on Azure: people are notified through the robot only; nobody reads a local inbox here.
            ("Notifications:Inbox", "false"),
            // The county is on the register before the app starts, so the daily Power BI export would run during the
            // measurement: it is a once-a-day job at 02:00, not part of the exits being measured.
            ("Analytics:DailyExportTime", "23:59:59"),
            ("Storage:ConnectionString", proxy.ConnectionString),
            ("Exits:NoticePeriod", "00:00:02"),
            ("Durable:TaskHub", HubName),
            ("Logging:LogLevel:Default", "Warning"),
            .. hubSettings,
        ], cancellationToken);
        using var county = new CountyOfficeClient(app.Address, TimeSpan.FromMinutes(5));
        await county.SignInAsync(cancellationToken);
        using var phones = new HttpClient { BaseAddress = app.Address };
        var baseline = households.Take(options.BaselineHouseholds).ToList();
        var measured = households.Skip(options.BaselineHouseholds).Take(options.Households).ToList();
        var recipients = baseline.Concat(measured).SelectMany(h => ExitStepRecipients.All(h.VillageCode, h.TownshipCode, County.CountyCode)).Distinct().ToList();
        await using var approvers = ScriptedApprovers.Start(phones, recipients, _ => ApproverDecision.Approved, new ScriptedApproverOptions
        {
            Workers = options.Approvers,
            ReadingTime = options.ReadingTime,
            Webhook = webhook,
        });
        Console.WriteLine($"[{total.Elapsed.TotalSeconds,6:0.0} s] app up at {app.Address} (pid {app.ProcessId}); {options.Approvers} approvers acting for {recipients.Count} recipients, notified at {webhook}");

        var progress = new PhaseProgress(proxy, direct, hubQueues, approvers, total);
        var unloaded = await RunPhaseAsync("baseline", county, approvers, baseline, TimeSpan.FromMinutes(3), progress, cancellationToken);
        proxy.Reset();
        var cpuBefore = ProcessCpu.Now(app.ProcessId);
        var loadedPhase = await RunPhaseAsync("measured", county, approvers, measured, options.Limit, progress, cancellationToken);
        var cpu = ProcessCpu.Now(app.ProcessId) - cpuBefore;
        var operations = proxy.Snapshot();
        return new ExitRunResult(options, loadAverage, loaded, (directMs, relayedMs), unloaded, loadedPhase, operations, proxy.Uncountable, cpu, total.Elapsed, ProcessCpu.LoadAverage());
    }

    /// <summary>Starts the households' cases in batches of up to 1000 and waits until every case has ended (or the limit, or two minutes without a decision).</summary>
    private static async Task<PhaseResult> RunPhaseAsync(string name, CountyOfficeClient county, ScriptedApprovers approvers, List<RegisteredHousehold> households,
        TimeSpan limit, PhaseProgress progress, CancellationToken cancellationToken)
    {
        var total = progress.Total;
        var ids = households.Select(h => ExitCaseId.For(County.CountyCode, h.Household.Number, 1)).ToHashSet(StringComparer.Ordinal);
        var wall = Stopwatch.StartNew();
        var refused = 0;
        foreach (var batch in households.Chunk(MaxBatch))
        {
            using var response = await county.PostAsJsonAsync($"/api/counties/{County.CountyCode}/exits/batch",
                new BatchStartRequest(batch.Select(h => new StartExitRequest(h.Household.Number, HouseholdConditions.AllSecured(9000m))).ToList()), cancellationToken);
            var result = await response.Content.ReadFromJsonAsync<BatchStartResult>(CountyOfficeClient.Json, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK || result is null)
            {
                throw new InvalidOperationException($"The batch start answered {(int)response.StatusCode}.");
            }

            refused += result.Refused;
        }

        var startedIn = wall.Elapsed;
        Console.WriteLine($"[{total.Elapsed.TotalSeconds,6:0.0} s] {name}: {households.Count} cases started in {startedIn.TotalSeconds:0.0} s ({refused} refused)");
        var (lastProgress, lastAnswered, lastReport) = (wall.Elapsed, approvers.AnsweredCount, wall.Elapsed);
        var approvedAt = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var stuck = new List<ExitCase>();
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var countyApproved = approvers.Clicks.Count(c => c.Taken && c.Link.Step == ExitProcedure.CountyApproval && ids.Contains(c.Link.Subject));
            if (countyApproved == households.Count - refused)
            {
                // Every last decision is in: ask the county's list (a few requests) until the cases have closed.
                var open = await county.GetFromJsonAsync<List<ExitCase>>($"/api/counties/{County.CountyCode}/exits?status={ExitCaseStatus.InProgress}", cancellationToken);
                if (!open.Any(c => ids.Contains(c.CaseId)))
                {
                    break;
                }
            }

            if (approvers.AnsweredCount != lastAnswered)
            {
                (lastProgress, lastAnswered) = (wall.Elapsed, approvers.AnsweredCount);
            }

            if (wall.Elapsed - lastReport > TimeSpan.FromSeconds(15))
            {
                lastReport = wall.Elapsed;
                Console.WriteLine($"[{total.Elapsed.TotalSeconds,6:0.0} s] {name}: {countyApproved} of {households.Count} county approvals after {wall.Elapsed.TotalSeconds:0} s; " +
                                  $"{approvers.AnsweredCount} decisions submitted in all; {await progress.DescribeAsync()}");
            }

            if (wall.Elapsed - lastProgress > Stall || wall.Elapsed > limit)
            {
                var open = await county.GetFromJsonAsync<List<ExitCase>>($"/api/counties/{County.CountyCode}/exits?status={ExitCaseStatus.InProgress}", cancellationToken);
                stuck.AddRange(open.Where(c => ids.Contains(c.CaseId)));
                Console.WriteLine($"[{total.Elapsed.TotalSeconds,6:0.0} s] {name}: giving up with {stuck.Count} cases open " +
                                  $"({(wall.Elapsed > limit ? "time limit" : "no decision for " + Stall.TotalMinutes + " min")})");
                break;
            }
        }

        var ended = wall.Elapsed;
        var approved = (await county.GetFromJsonAsync<List<ExitCase>>($"/api/counties/{County.CountyCode}/exits?status={ExitCaseStatus.Approved}", cancellationToken))
            .Count(c => ids.Contains(c.CaseId));
        Console.WriteLine($"[{total.Elapsed.TotalSeconds,6:0.0} s] {name}: {approved} of {households.Count} approved and deregistered after {ended.TotalSeconds:0.0} s");
        return new PhaseResult(households.Count, refused, approved, startedIn, ended, approvers.Clicks.Where(c => ids.Contains(c.Link.Subject)).ToList(), stuck);
    }

    /// <summary>Puts the county on the register (straight to Azurite: not part of what is measured) and lists the households not yet exited, by number.</summary>
    private static async Task<List<RegisteredHousehold>> LoadCountyAsync(AzuriteProcess azurite)
    {
        var tables = new RegisterTables(azurite.Tables(), azurite.Blobs());
        var directory = new CountyDirectory(tables);
        var store = new RegisterStore(tables);
        await new DemoCountyLoader(directory, store, NullLogger<DemoCountyLoader>.Instance).LoadAsync(County, DemoCountyLoader.LufengSeed, CancellationToken.None);
        var places = await directory.FindPlacesAsync(County.CountyCode, CancellationToken.None)
                     ?? throw new InvalidOperationException("The county did not load.");
        var households = new List<RegisteredHousehold>();
        foreach (var township in places.Townships)
        {
            await foreach (var household in store.ReadTownshipAsync(places.Code, township.Code, CancellationToken.None))
            {
                if (household.Household.Status == PovertyStatus.NotExited)
                {
                    households.Add(household);
                }
            }
        }

        return households.OrderBy(h => h.Household.Number, StringComparer.Ordinal).ToList();
    }
}

/// <summary>
/// What the progress lines add: the app's storage requests per second since the last line (from the relay) and the
/// outbox backlog, read straight from Azurite so the read is not counted as the app's.
/// </summary>
internal sealed class PhaseProgress(CountingStorageProxy proxy, TableServiceClient direct, QueueServiceClient hub, ScriptedApprovers approvers, Stopwatch total)
{
    private (long Requests, TimeSpan At) _last = (0, TimeSpan.Zero);

    public Stopwatch Total => total;

    public async Task<string> DescribeAsync()
    {
        var requests = proxy.Snapshot().Values.Sum();
        var rate = (requests - _last.Requests) / (total.Elapsed - _last.At).TotalSeconds;
        _last = (requests, total.Elapsed);
        var pending = 0;
        await foreach (var _ in direct.GetTableClient("outbox").QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {"outbox"} and Status eq {"Pending"}"), select: ["PartitionKey"]))
        {
            pending++;
        }

        // DTFx's control queues are {hub}-control-00 … one per partition.
        var control = 0L;
        for (var partition = 0; ; partition++)
        {
            try
            {
                control += (await hub.GetQueueClient(string.Create(CultureInfo.InvariantCulture, $"{ExitRun.HubName}-control-{partition:00}")).GetPropertiesAsync()).Value.ApproximateMessagesCount;
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                break;
            }
        }

        var workItems = (await hub.GetQueueClient($"{ExitRun.HubName}-workitems").GetPropertiesAsync()).Value.ApproximateMessagesCount;
        return $"{rate:0} storage requests/s, {pending} notifications waiting in the outbox, {control} control and {workItems} activity messages queued, " +
               $"{approvers.SeenLinks.Count} links seen, {approvers.Outstanding} of them waiting for an approver";
    }
}

/// <summary>One phase: how many cases, how long starting and finishing them took, and every decision submitted for them.</summary>
internal sealed record PhaseResult(int Cases, int Refused, int Approved, TimeSpan StartedIn, TimeSpan Wall, IReadOnlyList<ApproverClick> Clicks, IReadOnlyList<ExitCase> Stuck);

/// <summary>Everything the report prints.</summary>
internal sealed record ExitRunResult(
    ExitBenchOptions Options,
    string LoadAverageAtStart,
    TimeSpan SetupBeforeApp,
    (double DirectMs, double RelayedMs) RelayOverhead,
    PhaseResult Baseline,
    PhaseResult Measured,
    IReadOnlyDictionary<string, long> Operations,
    long Uncountable,
    ProcessCpu Cpu,
    TimeSpan Total,
    string LoadAverageAtEnd);
