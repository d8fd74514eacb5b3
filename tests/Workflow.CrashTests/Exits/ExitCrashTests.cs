using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Workflow.Domain.Demo;
using Workflow.Domain.Exits;
using Workflow.Domain.Register;
using Workflow.Domain.Standards;
using DurableTask.AzureStorage;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Workflow.App.Durable;
using Workflow.App.Exits;
using Workflow.App.Exits.Web;
using Workflow.App.Notifications;
using Workflow.App.Register;
using Workflow.App.Storage;
using Workflow.Testing;
using Workflow.Testing.Exits;
using Xunit;
using Xunit.Abstractions;

namespace Workflow.CrashTests.Exits;

/// <summary>
/// Crash safety of household exits (脱贫退出): 200 cases go through all seven steps, driven only over HTTP by scripted
/// approvers, while the app process is killed with SIGKILL three times — during the batch start, and at about a third
/// and two thirds of the decisions — and started again on the same storage. Links sent before a kill must still work,
/// kept decisions must reach their case (the redelivery sweep raises them again), and every case must end exactly as
/// scripted with each decision applied once, the register changed exactly for the approved households, and every
/// notification sent once. The app runs with durable visibility timeouts of seconds instead of 30 s and 5 min, so what a
/// killed worker held comes back within the test's time.
/// </summary>
public sealed class ExitCrashTests(ITestOutputHelper output)
{
    private const int CaseCount = 200;
    private const int RejectEvery = 10;
    private const string HubName = "exitcrash";

    // The shipped 禄丰 2020 standard and procedure apply to county 532331; the county is shrunk to what the test needs.
    private static readonly DemoCountySpec County = DemoCountySpec.Lufeng2020 with
    {
        Townships = ["碧城镇", "勤丰镇", "金山镇", "广通镇"],
        PoorVillages = 16,
        Households = 480,
        People = 1700,
        HouseholdsDueToExit = 220,
        PeopleDueToExit = 650,
        EdgeHouseholds = 30,
        MonitoredHouseholds = 20,
    };

    // Limits that end a stuck run, never speed checks: alone the run takes about 2 min; next to the other test assemblies
    // on two cores, a 200-household batch start alone can take over a minute.
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(12);
    private static readonly TimeSpan Stalled = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(5);

    private static string AppDll => Path.Combine(AppContext.BaseDirectory, "Workflow.Host.dll");

    private static string[] ApprovedSteps { get; } =
        [ExitProcedure.Appraisal, ExitProcedure.Verification, ExitProcedure.Consent, ExitProcedure.TownshipReview, ExitProcedure.CountyApproval];

    [Fact]
    public async Task Every_case_ends_as_scripted_while_the_app_is_killed_and_restarted_mid_way()
    {
        var clock = Stopwatch.StartNew();
        await using var azurite = await AzuriteProcess.StartAsync();
        var account = azurite.Tables();
        var households = await LoadCountyAsync(azurite);
        var rejected = households.Where((_, i) => i % RejectEvery == RejectEvery / 2).ToDictionary(h => h.Household.Number, h => $"家中仍有适龄儿童失学（脚本 {h.Household.Number}）");
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  Azurite up, county loaded: {households.Count} cases to start, {rejected.Count} scripted to be rejected at {ExitProcedure.TownshipReview}");

        await using var app = await WorkflowAppProcess.StartAsync(AppDll, [
            ("Storage:ConnectionString", azurite.ConnectionString),
            ("Exits:NoticePeriod", "00:00:02"),
            ("Durable:TaskHub", HubName),
            ("Durable:PartitionCount", "2"),
            ("Durable:ControlVisibilityTimeout", "00:00:05"),
            ("Durable:ActivityVisibilityTimeout", "00:00:10"),
            ("Logging:LogLevel:Microsoft.AspNetCore", "Warning"),
            ("Logging:LogLevel:Workflow.App.Notifications.NotificationSender", "Warning"),
        ]);
        try
        {
            await DriveAndCheckAsync(app, account, azurite, households, rejected, clock);
        }
        catch (Exception)
        {
            output.WriteLine($"App output (last lines):\n{app.Output()}");
            throw;
        }
    }

    private async Task DriveAndCheckAsync(WorkflowAppProcess app, TableServiceClient account, AzuriteProcess azurite, List<RegisteredHousehold> households, Dictionary<string, string> rejected, Stopwatch clock)
    {
        var caseIds = households.Select(h => ExitCaseId.For(County.CountyCode, h.Household.Number, 1)).ToList();
        var expectedDecisions = households.Sum(h => rejected.ContainsKey(h.Household.Number) ? 4 : 5);
        using var county = new CountyOfficeClient(app.Address, RequestTimeout);
        await county.SignInAsync();
        using var phones = new HttpClient { BaseAddress = app.Address };
        var recipients = households.SelectMany(h => ExitStepRecipients.All(h.VillageCode, h.TownshipCode, County.CountyCode)).Distinct().ToList();
        var byCase = households.ToDictionary(h => ExitCaseId.For(County.CountyCode, h.Household.Number, 1), StringComparer.Ordinal);
        await using var approvers = ScriptedApprovers.Start(phones, recipients, link => Decide(link, rejected), new ScriptedApproverOptions
        {
            NextRecipients = link => byCase.TryGetValue(link.Subject, out var h) ? ExitStepRecipients.After(link.Step, h.VillageCode, h.TownshipCode, County.CountyCode) : [],
        });
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  app up at {app.Address}; {recipients.Count} approver recipients polling");

        // Kill 1: while the batch is being started. The county sends the same batch again; starting is idempotent.
        var batch = households.Select(h => new StartExitRequest(h.Household.Number, HouseholdConditions.AllSecured(9000m))).ToList();
        var firstBatch = county.PostAsJsonAsync($"/api/counties/{County.CountyCode}/exits/batch", new BatchStartRequest(batch));
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        await KillAndRestartAsync(app, "during the batch start", clock);
        try
        {
            using var answered = await firstBatch;
            output.WriteLine($"          the first batch request was answered {(int)answered.StatusCode} before the kill");
        }
        catch (HttpRequestException e)
        {
            output.WriteLine($"          the first batch request got no answer ({e.Message})");
        }

        using (var again = await county.PostAsJsonAsync($"/api/counties/{County.CountyCode}/exits/batch", new BatchStartRequest(batch)))
        {
            var result = await again.Content.ReadFromJsonAsync<BatchStartResult>(CountyOfficeClient.Json);
            Assert.True(again.StatusCode == HttpStatusCode.OK && result is { Refused: 0 } && result.Started + result.Existing == CaseCount,
                $"Sending the batch again answered {(int)again.StatusCode}: {JsonSerializer.Serialize(result, CountyOfficeClient.Json)}");
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  batch sent again: {result.Started} started now, {result.Existing} started before the kill");
        }

        // Kills 2 and 3: with decisions being made, links in inboxes and activities in flight.
        foreach (var thirds in new[] { 1, 2 })
        {
            await WaitForAsync(() => approvers.AnsweredCount >= expectedDecisions * thirds / 3, clock, $"{thirds}/3 of the decisions");
            await KillAndRestartAsync(app, $"after {approvers.AnsweredCount} answered decisions ({approvers.Outstanding} outstanding)", clock);
        }

        var remaining = await WaitForAllEndedAsync(county, clock);
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {CaseCount - remaining.Count} of {CaseCount} cases ended");
        if (remaining.Count > 0)
        {
            // Stuck cases fail the test; the checks that do not depend on them still run, so one run reports everything.
            var ended = caseIds.Except(remaining.Select(c => c.CaseId), StringComparer.Ordinal).ToList();
            var found = new List<string>();
            await CheckNotificationsAsync(account, ended, rejected, found);
            Assert.Fail($"{remaining.Count} cases did not end (no case ended for {Stalled.TotalSeconds:0} s, or {Budget} passed):\n" +
                        $"{await DescribeStuckAsync(remaining, county, azurite.ConnectionString, approvers)}\n" +
                        $"Notification problems of the other cases (some may be notices still being sent): {(found.Count == 0 ? "none" : string.Join('\n', found.Take(30)))}");
        }

        var undelivered = await WaitForDecisionsDeliveredAsync(account, caseIds.ToHashSet(StringComparer.Ordinal), clock);
        await WaitForOutboxSettledAsync(account, caseIds.Count, clock);
        var problems = new List<string>();
        problems.AddRange(undelivered.Select(r => $"{r}: a kept decision is still not marked delivered 30 s after every case ended"));
        await CheckCasesAsync(county, households, rejected, approvers.Clicks, problems);
        await CheckRegisterAsync(azurite, households, rejected, problems);
        await CheckNotificationsAsync(account, caseIds, rejected, problems);
        CheckClicks(approvers.Clicks, expectedDecisions, problems);
        Summarise(approvers, app, clock);
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n{string.Join('\n', problems.Take(60))}");
    }

    private static ApproverDecision Decide(InboxLink link, Dictionary<string, string> rejected) =>
        link.Step == ExitProcedure.TownshipReview && rejected.TryGetValue(HouseholdOf(link.Subject), out var reason)
            ? ApproverDecision.Rejected(reason)
            : ApproverDecision.Approved;

    private static string HouseholdOf(string caseId) => caseId.Split('-')[1];

    private async Task KillAndRestartAsync(WorkflowAppProcess app, string when, Stopwatch clock)
    {
        var pid = app.ProcessId;
        await app.KillAsync();
        var killedAt = clock.Elapsed;
        await app.RestartAsync();
        output.WriteLine($"{killedAt.TotalSeconds,6:0.0} s  SIGKILL to pid {pid} {when}; restarted as pid {app.ProcessId} in {(clock.Elapsed - killedAt).TotalSeconds:0.0} s");
    }

    private async Task WaitForAsync(Func<bool> condition, Stopwatch clock, string what)
    {
        while (!condition())
        {
            Assert.True(clock.Elapsed < Budget, $"Did not reach {what} within {Budget}.");
            await Task.Delay(100);
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  reached {what}");
    }

    /// <summary>The register's tables and container on the app's storage, as the app reaches them.</summary>
    private static RegisterTables RegisterOn(AzuriteProcess azurite) => new(azurite.Tables(), azurite.Blobs());

    /// <summary>Puts the county on the register over the app's storage and picks the cases: the first 200 未脱贫 households by number.</summary>
    private static async Task<List<RegisteredHousehold>> LoadCountyAsync(AzuriteProcess azurite)
    {
        var tables = RegisterOn(azurite);
        var directory = new CountyDirectory(tables);
        var store = new RegisterStore(tables);
        await new DemoCountyLoader(directory, store, NullLogger<DemoCountyLoader>.Instance).LoadAsync(County, seed: 7, CancellationToken.None);
        var places = await directory.FindPlacesAsync(County.CountyCode, CancellationToken.None);
        var households = new List<RegisteredHousehold>();
        foreach (var township in places!.Townships)
        {
            await foreach (var household in store.ReadTownshipAsync(places.Code, township.Code, CancellationToken.None))
            {
                if (household.Household.Status == PovertyStatus.NotExited)
                {
                    households.Add(household);
                }
            }
        }

        Assert.True(households.Count >= CaseCount, $"The county has only {households.Count} households not yet exited.");
        return households.OrderBy(h => h.Household.Number, StringComparer.Ordinal).Take(CaseCount).ToList();
    }

    /// <returns>
    /// The cases still in progress when every case has ended, the budget has run out, or no case has ended for a minute
    /// (far longer than the visibility timeouts and the approvers' sweep: those cases are stuck).
    /// </returns>
    private static async Task<List<ExitCase>> WaitForAllEndedAsync(CountyOfficeClient county, Stopwatch clock)
    {
        List<ExitCase> open = [];
        var (lastCount, lastChange) = (int.MaxValue, clock.Elapsed);
        while (true)
        {
            try
            {
                open = await county.GetFromJsonAsync<List<ExitCase>>($"/api/counties/{County.CountyCode}/exits?status={ExitCaseStatus.InProgress}");
                if (open.Count == 0)
                {
                    return open;
                }

                if (open.Count < lastCount)
                {
                    (lastCount, lastChange) = (open.Count, clock.Elapsed);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Read again; the last answer stands if time runs out.
            }

            if (clock.Elapsed > Budget || clock.Elapsed - lastChange > Stalled)
            {
                return open;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>Waits (the sweep runs every 15 s) until no kept decision of these cases is unmarked; returns those still unmarked.</summary>
    private static async Task<IReadOnlyList<string>> WaitForDecisionsDeliveredAsync(TableServiceClient account, IReadOnlyCollection<string> caseIds, Stopwatch clock)
    {
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(30);
        while (true)
        {
            var undelivered = new List<string>();
            await foreach (var row in account.GetTableClient("linkredemptions").QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Delivered eq {false}")))
            {
                if (caseIds.Contains(row.PartitionKey))
                {
                    undelivered.Add($"{row.PartitionKey} / {row.RowKey}");
                }
            }

            if (undelivered.Count == 0 || clock.Elapsed > deadline)
            {
                return undelivered;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>
    /// Waits until the outbox has nothing pending and holds both closing notices of every case: a case reads as ended
    /// once its row says so, a moment before its closing activity records the notices and the dispatcher sends them.
    /// </summary>
    private static async Task WaitForOutboxSettledAsync(TableServiceClient account, int cases, Stopwatch clock)
    {
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(30);
        while (clock.Elapsed < deadline)
        {
            var (pending, closing) = (0, 0);
            await foreach (var row in account.GetTableClient("outbox").QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"outbox"}")))
            {
                pending += row.GetString("Status") == "Sent" ? 0 : 1;
                var kind = JsonSerializer.Deserialize<NotificationMessage>(row.GetString("Message")!)!.Kind;
                closing += kind is NotificationKinds.CaseApproved or NotificationKinds.CaseRejected ? 1 : 0;
            }

            if (pending == 0 && closing >= 2 * cases)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>Each case ended as scripted, with one audit entry per decided step, made through the link the approver submitted.</summary>
    private static async Task CheckCasesAsync(CountyOfficeClient county, IReadOnlyList<RegisteredHousehold> households, Dictionary<string, string> rejected,
        IReadOnlyList<ApproverClick> clicks, List<string> problems)
    {
        var reviewName = ExitProcedureCatalog.For(County.CountyCode, County.Year).Step(ExitProcedure.TownshipReview).Name;
        var taken = clicks.Where(c => c.Taken).ToLookup(c => (c.Link.Subject, c.Link.Step));
        var details = new ConcurrentDictionary<string, ExitCaseDetail>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(households, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (household, token) =>
        {
            var caseId = ExitCaseId.For(County.CountyCode, household.Household.Number, 1);
            details[caseId] = await county.GetFromJsonAsync<ExitCaseDetail>($"/api/exits/{caseId}", token);
        });
        foreach (var household in households)
        {
            var caseId = ExitCaseId.For(County.CountyCode, household.Household.Number, 1);
            var detail = details[caseId];
            var isRejected = rejected.TryGetValue(household.Household.Number, out var reason);
            var (status, outcome) = isRejected ? (ExitCaseStatus.Rejected, $"{reviewName}未通过：{reason}") : (ExitCaseStatus.Approved, null);
            if (detail.Case.Status != status || (outcome is not null && detail.Case.Outcome != outcome))
            {
                problems.Add($"{caseId}: ended {detail.Case.Status} “{detail.Case.Outcome}”, scripted {status}{(outcome is null ? string.Empty : $" “{outcome}”")}");
            }

            var steps = isRejected ? ApprovedSteps[..4] : ApprovedSteps;
            var audit = detail.Audit.Select(a => a.Step).ToList();
            if (!audit.SequenceEqual(steps))
            {
                problems.Add($"{caseId}: audit has steps [{string.Join(", ", audit)}], expected one each of [{string.Join(", ", steps)}]");
                continue;
            }

            foreach (var entry in detail.Audit)
            {
                var action = isRejected && entry.Step == ExitProcedure.TownshipReview ? "reject" : "approve";
                var submitted = taken[(caseId, entry.Step)].ToList();
                if (entry.Action != action || submitted.Count != 1 || submitted[0].Link.LinkId != entry.LinkId)
                {
                    problems.Add($"{caseId} / {entry.Step}: audit says {entry.Action} through link {entry.LinkId}; expected {action} through the one link taken " +
                                 $"[{string.Join(", ", submitted.Select(c => c.Link.LinkId))}]");
                }
            }
        }
    }

    /// <summary>已脱贫享受政策 exactly for the approved households; the rejected keep 未脱贫 with the case and reason recorded.</summary>
    private static async Task CheckRegisterAsync(AzuriteProcess azurite, IReadOnlyList<RegisteredHousehold> households, Dictionary<string, string> rejected,
        List<string> problems)
    {
        var store = new RegisterStore(RegisterOn(azurite));
        var found = new ConcurrentDictionary<string, PovertyStatus?>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(households, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (household, token) =>
            found[household.Household.Number] = (await store.FindHouseholdAsync(County.CountyCode, household.Household.Number, token))?.Household.Status);
        foreach (var household in households)
        {
            var expected = rejected.ContainsKey(household.Household.Number) ? PovertyStatus.NotExited : PovertyStatus.ExitedWithPolicy;
            if (found[household.Household.Number] != expected)
            {
                problems.Add($"Household {household.Household.Number}: register says {found[household.Household.Number]}, expected {expected}");
            }
        }
    }

    /// <summary>
    /// The outbox holds exactly the notifications each case should send, all Sent, and the inbox holds each of them
    /// once: a redelivered notification must not become a second inbox row.
    /// </summary>
    private static async Task CheckNotificationsAsync(TableServiceClient account, IReadOnlyList<string> caseIds, Dictionary<string, string> rejected, List<string> problems)
    {
        var outbox = new Dictionary<string, (string Status, NotificationMessage Message)>(StringComparer.Ordinal);
        await foreach (var row in account.GetTableClient("outbox").QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"outbox"}")))
        {
            outbox[row.RowKey] = (row.GetString("Status")!, JsonSerializer.Deserialize<NotificationMessage>(row.GetString("Message")!)!);
        }

        var checkedCases = caseIds.ToHashSet(StringComparer.Ordinal);
        problems.AddRange(outbox.Where(o => o.Value.Status != "Sent" && checkedCases.Contains(o.Value.Message.Subject))
            .Select(o => $"Notification {o.Key} is {o.Value.Status} in the outbox, not Sent"));
        var bySubject = outbox.Values.ToLookup(o => o.Message.Subject, StringComparer.Ordinal);
        foreach (var caseId in caseIds)
        {
            var isRejected = rejected.ContainsKey(HouseholdOf(caseId));
            var kinds = bySubject[caseId].GroupBy(o => o.Message.Kind).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var expected = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                [NotificationKinds.DecisionAwaited] = isRejected ? 4 : 5,
                [NotificationKinds.NoticeStarted] = 1,
                [isRejected ? NotificationKinds.CaseRejected : NotificationKinds.CaseApproved] = 2,
            };
            if (kinds.Count != expected.Count || kinds.Any(k => !expected.TryGetValue(k.Key, out var n) || n != k.Value))
            {
                problems.Add($"{caseId}: outbox has {Describe(kinds)}, expected {Describe(expected)}");
            }
        }

        var inbox = new List<string>();
        await foreach (var row in account.GetTableClient("inbox").QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"all"}")))
        {
            inbox.Add(row.GetString("Id")!);
        }

        problems.AddRange(inbox.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"Notification {g.Key} is in the inbox {g.Count()} times (redelivered under another row key)"));
        problems.AddRange(outbox.Where(o => o.Value.Status == "Sent").Select(o => o.Key).Except(inbox, StringComparer.Ordinal)
            .Select(id => $"Notification {id} is Sent in the outbox but not in the inbox"));
        problems.AddRange(inbox.Except(outbox.Keys, StringComparer.Ordinal).Distinct().Select(id => $"Inbox row {id} has no outbox entry"));

        static string Describe(IReadOnlyDictionary<string, int> kinds) => string.Join(", ", kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Value}× {k.Key}"));
    }

    /// <summary>Every link was answered, and refused only as AlreadyUsed after an unanswered POST (the one the killed app had taken).</summary>
    private static void CheckClicks(IReadOnlyList<ApproverClick> clicks, int expectedDecisions, List<string> problems)
    {
        problems.AddRange(clicks.Where(c => c.Status is null).Select(c => $"{c.Link.Subject} / {c.Link.Step}: link {c.Link.LinkId} never got an answer in {c.Attempts} POSTs"));
        problems.AddRange(clicks.Where(c => c.Status is not null && !c.Taken)
            .Select(c => $"{c.Link.Subject} / {c.Link.Step}: link {c.Link.LinkId} answered {c.Status} {c.Refusal} after {c.Attempts} POSTs"));
        var taken = clicks.Count(c => c.Taken);
        if (taken != expectedDecisions)
        {
            problems.Add($"{taken} decisions taken through links, expected {expectedDecisions}");
        }
    }

    private async Task<string> DescribeStuckAsync(IReadOnlyList<ExitCase> open, CountyOfficeClient county, string connectionString, ScriptedApprovers approvers)
    {
        var client = new TaskHubClient(new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = StorageAccountConnection.From(connectionString, null, "Storage").TaskHubClients(),
            TaskHubName = HubName,
        }), TaskHubServices.Converter, []);
        var clicks = approvers.Clicks.ToLookup(c => c.Link.Subject);
        var seen = approvers.SeenLinks.ToLookup(s => s.Link.Subject);
        var lines = new List<string>();
        foreach (var c in open.Take(15))
        {
            var instance = await client.GetInstanceAsync(c.CaseId, getInputsAndOutputs: true);
            var history = string.Join(" ", (await client.GetHistoryEventsAsync(c.CaseId)).TakeLast(40).Select(e => e switch
            {
                TaskScheduledEvent t => $"sched#{t.EventId}:{t.Name}",
                TaskCompletedEvent t => $"done#{t.TaskScheduledId}",
                TaskFailedEvent t => $"FAILED#{t.TaskScheduledId}:{t.FailureDetails?.ErrorMessage ?? t.Reason}",
                EventRaisedEvent r => $"event:{r.Name}",
                TimerCreatedEvent t => $"timer#{t.EventId}",
                TimerFiredEvent t => $"fired#{t.TimerId}",
                _ => e.EventType.ToString(),
            }));
            var detail = await county.GetFromJsonAsync<ExitCaseDetail>($"/api/exits/{c.CaseId}");
            var waitingFor = instance?.ReadCustomStatusAs<string>();
            var behind = instance?.RuntimeStatus == OrchestrationRuntimeStatus.Running && waitingFor != c.CurrentStep
                ? $" [CASE ROW BEHIND: the row says {c.CurrentStep}, the orchestration waits for {waitingFor}; a late re-run of an activity wrote an earlier step]"
                : string.Empty;
            lines.Add($"{c.CaseId} at {c.CurrentStep}:{behind} orchestration {instance?.RuntimeStatus} {instance?.SerializedCustomStatus} {instance?.FailureDetails?.ErrorMessage}; " +
                      $"links seen [{string.Join(", ", seen[c.CaseId].Select(s => $"{s.Link.Step}@{s.SeenAt.TotalSeconds:0.0}"))}]; " +
                      $"clicks [{string.Join(", ", clicks[c.CaseId].Select(k => $"{k.Link.Step}:{k.Status}{k.Refusal}x{k.Attempts}"))}]; " +
                      $"timeline: {string.Join(" | ", detail.Timeline.Select(t => t.Text))}; history: {history}");
        }

        output.WriteLine(string.Join('\n', lines));
        return string.Join('\n', lines);
    }

    private void Summarise(ScriptedApprovers approvers, WorkflowAppProcess app, Stopwatch clock)
    {
        var clicks = approvers.Clicks;
        var latencies = clicks.Where(c => c.ToNextLink is not null).Select(c => c.ToNextLink!.Value.TotalMilliseconds).Order().ToList();
        var (reads, average) = approvers.InboxReads;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{clock.Elapsed.TotalSeconds,6:0.0} s  checked: {clicks.Count} links submitted ({clicks.Count(c => c.Attempts > 1)} needed more than one POST), " +
            $"{app.Starts} app processes, {reads} inbox reads ({average.TotalMilliseconds:0} ms each); " +
            $"click to next link p50 {Percentile(latencies, 0.5):0} ms, p95 {Percentile(latencies, 0.95):0} ms (kills included)"));
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
}
