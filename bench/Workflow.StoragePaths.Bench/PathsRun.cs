using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflow.Domain.Exits;
using Workflow.Domain.Standards;
using Workflow.App.Exits;
using Workflow.App.Exits.Web;
using Workflow.Testing;
using Workflow.Testing.Exits;

namespace Workflow.StoragePaths.Bench;

/// <summary>What one build measured in one round: the figures by key (see <see cref="Figures"/>) and what else happened.</summary>
internal sealed record BuildRun(string Build, int Round, IReadOnlyDictionary<string, double> Values, IReadOnlyList<string> Notes, string? Failure);

/// <summary>
/// One build of the app on a fresh Azurite, started as the crash test and the exits benchmark start it (a separate
/// process in Development, Storage:ConnectionString, Durable:TaskHub), loading the demo county 禄丰 at start (Demo:Load,
/// its own storage code). Then, timed from the client: the register import, the exit batch start, the decision page
/// (GET) and its submission (POST) at concurrency 1 and 8, and the Power BI export twice (first: every row written;
/// again: nothing changed). Between the paths the app is left to finish what a path queued (the next step's
/// notifications), so one path's background work does not land in the next one's figures.
/// </summary>
internal static class PathsRun
{
    public const string HubName = "pathsbench";
    private const int IncomeYear = 2020;

    private static readonly TimeSpan LinkWait = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SettleWait = TimeSpan.FromMinutes(3);

    public static async Task<BuildRun> RunAsync(string build, int round, string dll, PathsBenchOptions options, SyntheticRegister register, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var notes = new List<string>();
        var clock = Stopwatch.StartNew();
        void Log(string text) => Console.WriteLine($"[round {round} {build,-3} {clock.Elapsed.TotalSeconds,6:0.0} s] {text}");

        await using var azurite = await AzuriteProcess.StartAsync(cancellationToken: cancellationToken);
        var started = Stopwatch.StartNew();
        await using var app = await WorkflowAppProcess.StartAsync(dll, [
            ("Storage:ConnectionString", azurite.ConnectionString),
            ("Durable:TaskHub", HubName),
            ("Demo:Load", "true"),
            // The county is on the register when the scheduler first ticks: the daily export would run then, in the
            // middle of the paths measured. It is measured on its own below, through the county's export endpoint.
            ("Analytics:DailyExportTime", "23:59:59"),
            ("Exits:NoticePeriod", "00:00:02"),
            ("Logging:LogLevel:Default", "Warning"),
        ], cancellationToken);
        values[Figures.Start] = started.Elapsed.TotalSeconds;
        Log($"Azurite up, app up at {app.Address} (pid {app.ProcessId}) with the demo county loaded in {started.Elapsed.TotalSeconds:0.0} s");
        try
        {
            using var office = new CountyOfficeClient(app.Address, TimeSpan.FromMinutes(15));
            await office.SignInAsync(cancellationToken);
            using var upload = await SignedInAsync(app.Address, cancellationToken);
            using var phones = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(2) };

            await ImportAsync(upload, register, values, notes, Log, cancellationToken);
            var links = await StartCasesAsync(office, phones, register, options, values, notes, Log, cancellationToken);
            await DecideAsync(office, phones, links, options, values, notes, Log, cancellationToken);
            await ExportAsync(upload, values, notes, Log, cancellationToken);
            return new BuildRun(build, round, values, notes, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var output = app.Output().Split('\n');
            Log($"FAILED: {e.Message}\nThe app's last lines:\n{string.Join('\n', output.TakeLast(40))}");
            return new BuildRun(build, round, values, notes, e.Message);
        }
    }

    /// <summary>The county office's register import (POST /register/{county}/imports, a multipart form), until it answered.</summary>
    private static async Task ImportAsync(HttpClient office, SyntheticRegister register, Dictionary<string, double> values, List<string> notes, Action<string> log, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(register.Csv) { Headers = { ContentType = new("text/csv") } }, "file", "禄丰县建档立卡户名册.csv" },
            { new StringContent(IncomeYear.ToString(System.Globalization.CultureInfo.InvariantCulture)), "year" },
        };
        var clock = Stopwatch.StartNew();
        using var response = await office.PostAsync($"/register/{SyntheticRegister.Demo.CountyCode}/imports", form, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        values[Figures.Import] = clock.Elapsed.TotalSeconds;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The import answered {(int)response.StatusCode}: {body}");
        }

        using var report = JsonDocument.Parse(body);
        var root = report.RootElement;
        var households = root.GetProperty("households");
        var summary = $"import: {root.GetProperty("rows")} rows, {root.GetProperty("importedRows")} imported, {root.GetProperty("rejectedRows")} rejected; " +
                      $"households {households.GetProperty("added")} added, {households.GetProperty("changed")} changed, {households.GetProperty("unchanged")} unchanged";
        log($"{summary} in {clock.Elapsed.TotalSeconds:0.00} s");
        if (root.GetProperty("rejectedRows").GetInt32() > 0 || root.GetProperty("importedRows").GetInt32() != register.Rows)
        {
            notes.Add($"{summary}; first errors: {root.GetProperty("errors")}");
        }
    }

    /// <summary>
    /// Starts one case per link needed (plus one to warm the decision page and its POST up) through the exits batch
    /// API, then reads every case's first decision link (appraisal, to the village committee) from the local inbox as
    /// the crash test's approvers do, and stops reading before anything is timed.
    /// </summary>
    private static async Task<List<InboxLink>> StartCasesAsync(CountyOfficeClient office, HttpClient phones, SyntheticRegister register, PathsBenchOptions options,
        Dictionary<string, double> values, List<string> notes, Action<string> log, CancellationToken cancellationToken)
    {
        var needed = (options.Decisions * PathsBenchOptions.Concurrency.Length) + 1;
        if (register.DueToExit.Count < needed)
        {
            throw new InvalidOperationException($"The register file has {register.DueToExit.Count} households not yet exited; {needed} are needed.");
        }

        var households = register.DueToExit.Take(needed).ToList();
        var county = SyntheticRegister.Demo.CountyCode;
        var caseIds = households.Select(h => ExitCaseId.For(county, h.Number, 1)).ToList();
        var clock = Stopwatch.StartNew();
        var refused = 0;
        foreach (var batch in households.Chunk(1000))
        {
            using var response = await office.PostAsJsonAsync($"/api/counties/{county}/exits/batch",
                new BatchStartRequest(batch.Select(h => new StartExitRequest(h.Number, HouseholdConditions.AllSecured(9000m))).ToList()), cancellationToken);
            var result = await response.Content.ReadFromJsonAsync<BatchStartResult>(CountyOfficeClient.Json, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK || result is null)
            {
                throw new InvalidOperationException($"The batch start answered {(int)response.StatusCode}.");
            }

            refused += result.Refused;
        }

        values[Figures.Batch] = clock.Elapsed.TotalSeconds;
        log($"{households.Count} cases started in {clock.Elapsed.TotalSeconds:0.00} s ({refused} refused); reading their links from the inbox");
        if (refused > 0)
        {
            notes.Add($"batch start: {refused} of {households.Count} refused");
        }

        var wanted = caseIds.ToHashSet(StringComparer.Ordinal);
        var recipients = households.Select(h => $"VillageCommittee@{h.VillageCode}").Distinct(StringComparer.Ordinal);
        var found = new Dictionary<string, InboxLink>(StringComparer.Ordinal);
        await using (var inbox = ScriptedApprovers.Start(phones, recipients, _ => null, new ScriptedApproverOptions { Workers = 1 }))
        {
            var waited = Stopwatch.StartNew();
            while (found.Count < wanted.Count - refused && waited.Elapsed < LinkWait)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
                foreach (var (link, _) in inbox.SeenLinks.Where(s => s.Link.IsDecision && s.Link.Step == ExitProcedure.Appraisal && wanted.Contains(s.Link.Subject)))
                {
                    found.TryAdd(link.Subject, link);
                }
            }
        }

        log($"{found.Count} decision links read from the inbox {clock.Elapsed.TotalSeconds:0.0} s after the batch was sent");
        if (found.Count < needed)
        {
            notes.Add($"only {found.Count} of {needed} first decision links reached the inbox within {LinkWait.TotalMinutes:0} min");
        }

        // The links in the order the cases were started, so both builds decide the same households at each level.
        return caseIds.Where(found.ContainsKey).Select(id => found[id]).ToList();
    }

    /// <summary>At each concurrency level, its own links: every page opened (GET), then every form submitted (POST); then the cases are let settle.</summary>
    private static async Task DecideAsync(CountyOfficeClient office, HttpClient phones, List<InboxLink> links, PathsBenchOptions options,
        Dictionary<string, double> values, List<string> notes, Action<string> log, CancellationToken cancellationToken)
    {
        // The first page opened and decision submitted of the process pay for its first use of the code: not timed.
        await OpenAsync(phones, links[0], cancellationToken);
        await SubmitAsync(phones, links[0], cancellationToken);
        await SettleAsync(office, [links[0]], notes, log, cancellationToken);
        var remaining = links.Skip(1).ToList();
        foreach (var concurrency in PathsBenchOptions.Concurrency)
        {
            var level = remaining.Take(options.Decisions).ToList();
            remaining = remaining.Skip(options.Decisions).ToList();
            foreach (var (kind, send) in new (string, Func<InboxLink, CancellationToken, Task<int>>)[] { (Figures.Get, (l, ct) => OpenAsync(phones, l, ct)), (Figures.Post, (l, ct) => SubmitAsync(phones, l, ct)) })
            {
                var timed = await TimedRequests.RunAsync(level, concurrency, send, cancellationToken);
                values[Figures.Key(kind, concurrency, Figures.P50)] = timed.Percentile(0.50);
                values[Figures.Key(kind, concurrency, Figures.P95)] = timed.Percentile(0.95);
                values[Figures.Key(kind, concurrency, Figures.Total)] = timed.Total.TotalSeconds;
                log($"{kind} x{level.Count} at concurrency {concurrency}: p50 {timed.Percentile(0.5):0.0} ms, p95 {timed.Percentile(0.95):0.0} ms, total {timed.Total.TotalSeconds:0.00} s" +
                    (timed.Failed > 0 ? $", {timed.Failed} not answered 200 ({timed.FirstFailure})" : string.Empty));
                if (timed.Failed > 0)
                {
                    notes.Add($"{kind} at concurrency {concurrency}: {timed.Failed} of {level.Count} not answered 200 ({timed.FirstFailure})");
                }
            }

            await SettleAsync(office, level, notes, log, cancellationToken);
        }
    }

    /// <summary>Opens a decision link's page, as tapping it on a phone does; the status.</summary>
    private static async Task<int> OpenAsync(HttpClient phones, InboxLink link, CancellationToken cancellationToken)
    {
        using var response = await phones.GetAsync(link.PathAndQuery, cancellationToken);
        await response.Content.ReadAsStringAsync(cancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary>Submits the page's form, approving (the form the scripted approvers send); the status.</summary>
    private static async Task<int> SubmitAsync(HttpClient phones, InboxLink link, CancellationToken cancellationToken)
    {
        var decision = ApproverDecision.Approved;
        using var form = new MultipartFormDataContent
        {
            { new StringContent("approve"), "decision" },
            { new StringContent(decision.Name), "name" },
            { new StringContent(decision.Comment ?? string.Empty), "comment" },
        };
        using var response = await phones.PostAsync(link.PathAndQuery, form, cancellationToken);
        await response.Content.ReadAsStringAsync(cancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary>
    /// Waits until every decided case has moved to its next step (the county's case list, one request a second), then
    /// two seconds more for the next step's notifications to go out.
    /// </summary>
    private static async Task SettleAsync(CountyOfficeClient office, List<InboxLink> decided, List<string> notes, Action<string> log, CancellationToken cancellationToken)
    {
        var ids = decided.Select(l => l.Subject).ToHashSet(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var waiting = ids.Count;
        while (clock.Elapsed < SettleWait)
        {
            var open = await office.GetFromJsonAsync<List<ExitCase>>($"/api/counties/{SyntheticRegister.Demo.CountyCode}/exits?status={ExitCaseStatus.InProgress}", cancellationToken);
            waiting = open.Count(c => ids.Contains(c.CaseId) && c.CurrentStep == ExitProcedure.Appraisal);
            if (waiting == 0)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        if (waiting > 0)
        {
            notes.Add($"{waiting} of {ids.Count} decided cases still at {ExitProcedure.Appraisal} after {SettleWait.TotalMinutes:0} min");
        }

        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        if (decided.Count > 1)
        {
            log($"the {ids.Count} decided cases moved on {clock.Elapsed.TotalSeconds:0.0} s after the last POST");
        }
    }

    /// <summary>
    /// The Power BI export through the county's endpoint (POST /api/analytics/exports): the exporter the daily timer
    /// runs (DailyExport calls the same AnalyticsExporter.ExportAsync; only the trigger recorded differs). First on the
    /// fresh store (every row written), then again with nothing changed (the digests compared, nothing written).
    /// </summary>
    private static async Task ExportAsync(HttpClient office, Dictionary<string, double> values, List<string> notes, Action<string> log, CancellationToken cancellationToken)
    {
        foreach (var key in new[] { Figures.Export, Figures.ExportAgain })
        {
            var clock = Stopwatch.StartNew();
            using var response = await office.PostAsync("/api/analytics/exports", null, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            values[key] = clock.Elapsed.TotalSeconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                notes.Add($"export answered {(int)response.StatusCode}: {body}");
                log($"export answered {(int)response.StatusCode} after {clock.Elapsed.TotalSeconds:0.00} s");
                continue;
            }

            using var report = JsonDocument.Parse(body);
            var tables = report.RootElement.GetProperty("tables").EnumerateArray().ToList();
            log($"export: {tables.Sum(t => t.GetProperty("rows").GetInt64())} rows in {tables.Count} tables, " +
                $"{tables.Sum(t => t.GetProperty("rowsWritten").GetInt64())} written, in {clock.Elapsed.TotalSeconds:0.00} s");
        }
    }

    /// <summary>
    /// A client signed in as the county office for the multipart import and the export (CountyOfficeClient sends JSON
    /// bodies only): the same Development sign-in, its cookie kept.
    /// </summary>
    private static async Task<HttpClient> SignedInAsync(Uri address, CancellationToken cancellationToken)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromMinutes(15),
        };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = CountyOfficeClient.User, ["returnUrl"] = "/" });
        using var response = await client.PostAsync("/dev/signin", form, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            client.Dispose();
            throw new InvalidOperationException($"Development sign-in answered {(int)response.StatusCode}.");
        }

        return client;
    }
}
