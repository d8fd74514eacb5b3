using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Calendar;
using Workflow.Domain.Campaigns;
using Workflow.Domain.Plans;
using Workflow.App.Analytics;
using Workflow.App.Analytics.Sources;
using Workflow.App.Campaigns;
using Workflow.App.Rectification;
using Workflow.App.Tests.Campaigns;
using Workflow.App.Tests.Exits;
using Workflow.App.Tests.Register;
using Xunit;

namespace Workflow.App.Tests.Analytics;

/// <summary>
/// The campaign's part of the star schema against the campaign it comes from: 禄丰 2020 started from the county's own
/// copy of the plan, run under the controllable clock (<see cref="CampaignTestBed"/>): a report through a link on
/// time with evidence, a unit that misses the 3/20 report date, a CountyAdmin's override past the open finding, the
/// next phase started early; then exported, a late report filed, and exported again.
/// </summary>
public sealed class CampaignFactsTests
{
    private const string County = "532331";
    private const int Year = 2020;
    private const string Reason = "省检问题已列入夏季提升整改，不影响春季攻势收尾";
    private const string OwnPhaseName = "春季攻势行动（县调整）";
    private const string OwnTaskTitle = "产业扶贫（县调整）";
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>The people's names, the reporters' names and the progress texts the test uses.</summary>
    private static readonly string[] Personal = ["王干事", "李主任", "刘报送", "陈报送", "小额信贷风险排查完成80%", "产业项目补报"];

    /// <summary>Monday 23 March 2020, 10:00 in Beijing: one working day after the 3/20 report date (Friday).</summary>
    private static readonly DateTimeOffset ExportAt = At(2020, 3, 23, 10);

    private static readonly DateOnly ExportDate = ShanghaiTime.DateOf(ExportAt);

    private static DateTimeOffset At(int year, int month, int day, int hour = 0, int minute = 0, int second = 1) => new(year, month, day, hour, minute, second, Beijing);

    [Fact]
    public async Task The_exported_transitions_and_reports_agree_with_the_campaign_and_a_new_report_rewrites_only_its_row()
    {
        await using var bed = await CampaignTestBed.StartAsync(At(2019, 12, 30, 9));
        await bed.SavePlacesAsync(RegisterTestBed.Generate());
        var template = PlanTemplates.For(County, Year);
        var own = template with
        {
            Phases = [template.Phases[0] with { Name = OwnPhaseName }, .. template.Phases.Skip(1)],
            Tasks = [template.Tasks[0] with { Title = OwnTaskTitle }, .. template.Tasks.Skip(1)],
        };
        Assert.Equal(HttpStatusCode.Created, (await bed.Officer.PostAsJsonAsync($"/api/counties/{County}/campaigns", new { plan = own }, ExitTestBed.Json)).StatusCode);

        await bed.MoveToAsync(At(2020, 1, 1));
        await bed.WaitForPhaseAsync(County, Year, "SpringOffensive", PhaseState.Open);
        var finding = await bed.LedgerOf(County, Year).EnterAsync(new FindingForm("省检", "住房安全", "危房改造2户未验收", "碧城镇", "县住房城乡建设局", "2020-03-15"));

        // 县扶贫办 reports on 九 (t09) for 3/20 on 10 March, with a photo; 县农业农村局 (一, t01) does not.
        var onTimeLink = await bed.WaitForReportLinkAsync(County, "县扶贫办", "532331-2020-t09", "report-20200320");
        var lateLink = await bed.WaitForReportLinkAsync(County, "县农业农村局", "532331-2020-t01", "report-20200320");
        await bed.MoveToAsync(At(2020, 3, 10, 10));
        Assert.Equal(HttpStatusCode.OK, (await ReportWithEvidenceAsync(bed, onTimeLink, "刘报送", "小额信贷风险排查完成80%")).StatusCode);

        // After the report date: the officer cannot close 春季攻势 past the open finding; the head overrides with a reason,
        // and the officer starts 夏季提升 before its 1 April.
        await bed.MoveToAsync(ExportAt);
        await bed.WaitForHistoryAsync(County, Year, CampaignTimelineKinds.TaskOverdue, "overdue-532331-2020-t01-report-20200320");
        Assert.Equal(HttpStatusCode.Conflict, (await bed.AdvanceAsync(bed.Officer, County, Year, "SpringOffensive")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await bed.AdvanceAsync(bed.Admin, County, Year, "SpringOffensive", overrideGates: true, reason: Reason)).StatusCode);
        await bed.WaitForPhaseAsync(County, Year, "SummerUpgrade", PhaseState.AwaitingStart);
        Assert.Equal(HttpStatusCode.Accepted, (await bed.Officer.PostAsJsonAsync($"/api/counties/{County}/campaigns/{Year}/start", new { phase = "SummerUpgrade" })).StatusCode);
        var status = await bed.WaitForPhaseAsync(County, Year, "SummerUpgrade", PhaseState.Open);
        Assert.Single(status.OpenRectifications, i => i.ItemId == finding.ItemId);

        var exporter = bed.Services.GetRequiredService<AnalyticsExporter>();
        await ExportAsync(exporter);

        // Phase transitions: one row per phase entered, as the campaign's history has them.
        var partition = $"{County}|{Year}";
        var transitions = await RowsAsync(exporter, PhaseTransitionFacts.Definition);
        var started = status.History.Where(h => h.Kind == CampaignTimelineKinds.PhaseStarted).ToList();
        Assert.Equal(started.Select(h => $"{partition}|{h.Phase}").Order(), transitions.Select(r => r.GetString("PhaseKey")).Order());
        Assert.Equal(2, transitions.Count);
        Assert.All(transitions, r => Assert.Equal(partition, r.PartitionKey));
        var spring = Assert.Single(transitions, r => r.RowKey == "SpringOffensive");
        var advanced = status.History.Single(h => h.Kind == CampaignTimelineKinds.Advanced && h.Phase == "SpringOffensive");
        var springDays = WorkingCalendar.China.WorkingDaysBetween(new DateOnly(2020, 1, 1), ExportDate);
        Assert.Equal((PhaseTransitionFacts.OnDate, started[0].At, new DateOnly(2020, 1, 1), advanced.At, ExportDate, true, 82, springDays),
            (spring.GetString("EntryKind"), spring.GetDateTimeOffset("EnteredAt")!.Value, Date(spring, "EnteredDate"), spring.GetDateTimeOffset("AdvancedAt")!.Value,
                Date(spring, "AdvancedDate"), spring.GetBoolean("IsClosed")!.Value, spring.GetInt32("CalendarDays")!.Value, spring.GetInt32("WorkingDays")!.Value));
        Assert.Equal((true, Reason, 1, 0, 1), (spring.GetBoolean("IsOverridden")!.Value, spring.GetString("OverrideReason"), spring.GetInt32("OverriddenBlockers")!.Value,
            spring.GetInt32("RefusedAdvances")!.Value, spring.GetInt32("PhaseOrder")!.Value));
        var summer = Assert.Single(transitions, r => r.RowKey == "SummerUpgrade");
        Assert.Equal((PhaseTransitionFacts.EarlyStart, false, (DateTimeOffset?)null, 0, 0, false, (string?)null),
            (summer.GetString("EntryKind"), summer.GetBoolean("IsClosed")!.Value, summer.GetDateTimeOffset("AdvancedAt"), summer.GetInt32("CalendarDays")!.Value,
                summer.GetInt32("WorkingDays")!.Value, summer.GetBoolean("IsOverridden")!.Value, summer.GetString("OverrideReason")));

        // Task reports: one row per opened task and due point; the store's reports and overdue lines match the rows.
        var reports = await bed.Services.GetRequiredService<CampaignStore>().ListReportsAsync(County, Year, CancellationToken.None);
        var rows = await RowsAsync(exporter, TaskProgressReportFacts.Definition);
        var duePoints = status.Tasks.Sum(t => TaskSchedule.DuePoints(own.Tasks[t.Task.Index], t.Task.OpenedOn, own, ScheduleRules.Default).Count);
        Assert.Equal(20, status.Tasks.Count);
        Assert.Equal(duePoints, rows.Count);
        Assert.All(rows, r => Assert.Equal(partition, r.PartitionKey));
        Assert.Equal(reports.Count, rows.Count(r => r.GetDateTimeOffset("ReportedAt") is not null));
        var overdueLines = status.History.Where(h => h.Kind == CampaignTimelineKinds.TaskOverdue).Select(h => h.Key["overdue-".Length..]).ToList();
        Assert.Contains("532331-2020-t01-report-20200320", overdueLines);
        Assert.Equal(overdueLines.Order(StringComparer.Ordinal), rows.Where(r => r.GetBoolean("IsOverdue") == true).Select(r => TaskIdAndDue(r)).Order(StringComparer.Ordinal));
        var daysLate = rows.Where(r => r.GetBoolean("IsOverdue") == true).Sum(r => WorkingCalendar.China.WorkingDaysBetween(Date(r, "DueDate"), ExportDate));
        Assert.Equal(daysLate, rows.Sum(r => r.GetBoolean("IsOverdue") == true ? r.GetInt32("WorkingDaysLate")!.Value : 0));

        var onTime = Assert.Single(rows, r => r.GetString("ReportKey") == $"{partition}|009|report-20200320");
        Assert.Equal((TaskProgressReportFacts.OnTime, true, false, 0, "进展", 1, At(2020, 3, 10, 10), PlanKeys.Unit(County, "县扶贫办"), "报送进展"),
            (onTime.GetString("Timeliness"), onTime.GetBoolean("IsOnTime")!.Value, onTime.GetBoolean("IsOverdue")!.Value, onTime.GetInt32("WorkingDaysLate")!.Value,
                onTime.GetString("ReportedStatus"), onTime.GetInt32("EvidenceCount")!.Value, onTime.GetDateTimeOffset("ReportedAt")!.Value, onTime.GetString("UnitKey"),
                onTime.GetString("DueKind")));
        var missing = Assert.Single(rows, r => r.GetString("ReportKey") == $"{partition}|001|report-20200320");
        Assert.Equal((TaskProgressReportFacts.Missing, (bool?)null, true, 1, PlanKeys.Unit(County, "县农业农村局"), (string?)null),
            (missing.GetString("Timeliness"), missing.GetBoolean("IsOnTime"), missing.GetBoolean("IsOverdue")!.Value, missing.GetInt32("WorkingDaysLate")!.Value,
                missing.GetString("UnitKey"), missing.GetString("ReportedStatus")));
        Assert.All(rows.Where(r => r.GetString("Timeliness") == TaskProgressReportFacts.NotDue), r => Assert.True(Date(r, "DueDate") >= ExportDate));
        Assert.Equal(rows.Count, rows.Count(r => r.GetString("Timeliness") is TaskProgressReportFacts.NotDue or TaskProgressReportFacts.NotOwed)
                                 + overdueLines.Count + reports.Count);

        // The dimensions come from the county's own plan: its phase name and task title, under the template's keys; every
        // fact key is a dimension row.
        var phases = (await RowsAsync(exporter, PhaseDimension.Definition)).ToDictionary(r => r.GetString("PhaseKey")!);
        var tasks = (await RowsAsync(exporter, PlanTaskDimension.Definition)).ToDictionary(r => r.GetString("PlanTaskKey")!);
        var units = (await RowsAsync(exporter, UnitDimension.Definition)).ToDictionary(r => r.GetString("UnitKey")!);
        Assert.Equal(OwnPhaseName, phases[$"{partition}|SpringOffensive"].GetString("PhaseName"));
        Assert.Equal(OwnTaskTitle, tasks[$"{partition}|001"].GetString("Title"));
        Assert.Equal(PlanTemplates.For("220881", 2018).Phases[0].Name, phases["220881|2018|HundredDayCampaign"].GetString("PhaseName"));
        Assert.Equal(PlanTemplates.All.Sum(p => p.Phases.Count), phases.Count);
        Assert.Equal(PlanTemplates.All.Sum(p => p.Tasks.Count), tasks.Count);
        Assert.All(transitions, r => Assert.True(phases.ContainsKey(r.GetString("PhaseKey")!)));
        Assert.All(rows, r => Assert.True(tasks.ContainsKey(r.GetString("PlanTaskKey")!)));
        Assert.All(rows, r => Assert.True(units.ContainsKey(r.GetString("UnitKey")!), $"{r.GetString("UnitKey")} is not in DimUnit."));

        // The CSV snapshots hold the same rows and sums.
        var transitionCsv = Cells(await CsvAsync(exporter, PhaseTransitionFacts.Definition));
        Assert.Equal(transitions.Count, transitionCsv.Count);
        Assert.Equal(transitions.Sum(r => r.GetInt32("WorkingDays")!.Value), transitionCsv.Sum(c => int.Parse(c["WorkingDays"], CultureInfo.InvariantCulture)));
        Assert.Equal(Reason, Assert.Single(transitionCsv, c => c["IsOverridden"] == "true")["OverrideReason"]);
        var reportCsv = Cells(await CsvAsync(exporter, TaskProgressReportFacts.Definition));
        Assert.Equal(rows.Count, reportCsv.Count);
        Assert.Equal(overdueLines.Count, reportCsv.Count(c => c["IsOverdue"] == "true"));
        Assert.Equal(daysLate, reportCsv.Sum(c => c["WorkingDaysLate"].Length == 0 ? 0 : int.Parse(c["WorkingDaysLate"], CultureInfo.InvariantCulture)));
        Assert.Equal(1, reportCsv.Sum(c => int.Parse(c["EvidenceCount"], CultureInfo.InvariantCulture)));
        Assert.Equal("2020-03-10T02:00:01Z", Assert.Single(reportCsv, c => c["ReportedAt"].Length > 0)["ReportedAt"]);

        // Nothing personal: no official's, reporter's name or progress text, in the tables or the CSV.
        await AssertNothingPersonalAsync(exporter);

        // Incremental: no change, nothing written; 一's late report rewrites its one row in the campaign's partition.
        var again = await ExportAsync(exporter);
        Assert.Equal((0, 0, 1), Written(again, TaskProgressReportFacts.Definition));
        Assert.Equal((0, 0, 1), Written(again, PhaseTransitionFacts.Definition));
        var hashes = rows.ToDictionary(r => r.RowKey, r => r.GetString(ExportTable.RowHashProperty));
        Assert.Equal(HttpStatusCode.OK, (await ReportWithEvidenceAsync(bed, lateLink, "陈报送", "产业项目补报")).StatusCode);
        var after = await ExportAsync(exporter);
        // The report also counts for 一's next report date (6/20), whose window it falls in: two rows of the one partition.
        Assert.Equal((1, 2, 0), Written(after, TaskProgressReportFacts.Definition));
        Assert.Equal((0, 0, 1), Written(after, PhaseTransitionFacts.Definition));
        var now = await RowsAsync(exporter, TaskProgressReportFacts.Definition);
        Assert.Equal(["001|report-20200320", "001|report-20200620"], now.Where(r => r.GetString(ExportTable.RowHashProperty) != hashes[r.RowKey]).Select(r => r.RowKey).Order());
        Assert.Equal((TaskProgressReportFacts.NotDue, TaskProgressReportFacts.NotOwed),
            (rows.Single(r => r.RowKey == "001|report-20200620").GetString("Timeliness"), now.Single(r => r.RowKey == "001|report-20200620").GetString("Timeliness")));
        var changed = now.Single(r => r.RowKey == "001|report-20200320");
        Assert.Equal(($"{partition}|001|report-20200320", TaskProgressReportFacts.Late, false, false, 1, 1),
            (changed.GetString("ReportKey"), changed.GetString("Timeliness"), changed.GetBoolean("IsOnTime")!.Value, changed.GetBoolean("IsOverdue")!.Value,
                changed.GetInt32("WorkingDaysLate")!.Value, changed.GetInt32("EvidenceCount")!.Value));
        Assert.Equal(overdueLines.Count - 1, now.Count(r => r.GetBoolean("IsOverdue") == true));
        await AssertNothingPersonalAsync(exporter);
    }

    private static async Task<HttpResponseMessage> ReportWithEvidenceAsync(CampaignTestBed bed, string link, string name, string progress)
    {
        using var photo = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]);
        photo.Headers.ContentType = new("image/png");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(name), "name" },
            { new StringContent(progress), "progress" },
            { photo, "evidence", "现场照片.png" },
        };
        return await bed.Anonymous.PostAsync(link, form);
    }

    private static async Task AssertNothingPersonalAsync(AnalyticsExporter exporter)
    {
        var exported = new StringBuilder();
        foreach (var table in new[] { PhaseTransitionFacts.Definition, TaskProgressReportFacts.Definition, PhaseDimension.Definition, PlanTaskDimension.Definition })
        {
            exported.Append(Encoding.UTF8.GetString(await CsvAsync(exporter, table)));
            foreach (var row in await RowsAsync(exporter, table))
            {
                Assert.All(row.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" or ExportTable.RowHashProperty)),
                    k => Assert.True(table.Find(k) is not null, $"{table.Name} has a column {k} the schema does not declare."));
                exported.AppendJoin('\n', row.Select(p => p.Value?.ToString()));
            }
        }

        var text = exported.ToString();
        foreach (var personal in Personal)
        {
            Assert.DoesNotContain(personal, text, StringComparison.Ordinal);
        }
    }

    /// <summary>An on-demand export, waiting while another (the daily one) holds the lease.</summary>
    private static async Task<ExportReport> ExportAsync(AnalyticsExporter exporter)
    {
        for (var attempt = 0; ; attempt++)
        {
            var report = await exporter.ExportAsync(new ExportRequest(ExportRequest.OnDemand), CancellationToken.None);
            if (!report.Busy)
            {
                return report;
            }

            Assert.True(attempt < 100, "The export lease stayed taken.");
            await Task.Delay(200);
        }
    }

    private static (int Partitions, int Rows, int Unchanged) Written(ExportReport report, ExportTable table)
    {
        var done = report.Tables.Single(t => t.Table == table.Name);
        return (done.PartitionsWritten, done.RowsWritten, done.PartitionsUnchanged);
    }

    /// <summary>{taskId}-{due key}, as the campaign's overdue history lines are keyed.</summary>
    private static string TaskIdAndDue(TableEntity row)
    {
        var parts = row.GetString("ReportKey")!.Split('|');
        return $"{parts[0]}-{parts[1]}-t{int.Parse(parts[2], CultureInfo.InvariantCulture):D2}-{parts[3]}";
    }

    private static DateOnly Date(TableEntity row, string column) => DateOnly.FromDateTime(row.GetDateTimeOffset(column)!.Value.UtcDateTime);

    private static async Task<List<TableEntity>> RowsAsync(AnalyticsExporter exporter, ExportTable table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in exporter.TableOf(table).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    private static async Task<byte[]> CsvAsync(AnalyticsExporter exporter, ExportTable table) =>
        (await exporter.Container.GetBlobClient(CsvSnapshot.BlobName(ExportDate, table)).DownloadContentAsync()).Value.Content.ToArray();

    /// <summary>The snapshot's data rows as column → cell (the test's values hold no comma or quote).</summary>
    private static List<Dictionary<string, string>> Cells(byte[] csv)
    {
        Assert.True(csv.AsSpan().StartsWith(Encoding.UTF8.Preamble), "The snapshot has no UTF-8 BOM.");
        var lines = Encoding.UTF8.GetString(csv.AsSpan(Encoding.UTF8.Preamble.Length)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',').Select((cell, i) => (header[i], cell)).ToDictionary(p => p.Item1, p => p.cell)).ToList();
    }
}
