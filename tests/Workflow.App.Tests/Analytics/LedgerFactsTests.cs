using System.Globalization;
using System.Net;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Calendar;
using Workflow.Domain.Rectification;
using Workflow.App.Analytics;
using Workflow.App.Analytics.Sources;
using Workflow.App.Tests.Register;
using Workflow.App.Tests.Rectification;
using Xunit;

namespace Workflow.App.Tests.Analytics;

/// <summary>
/// The ledger's part of the star schema against the ledger it comes from: items entered, sent back, supervised and
/// closed through the links as people do (<see cref="LedgerTestBed"/>), then exported; and the township ranking
/// against a hand computation.
/// </summary>
public sealed class LedgerFactsTests
{
    /// <summary>The daily export stays out of the way: only the test exports.</summary>
    private static readonly (string, string)[] Settings = [("Analytics:DailyExportTime", "23:59:59")];

    /// <summary>Monday 16 March 2026, 10:00 in Beijing: past the findings due on Friday 13 March.</summary>
    private static readonly DateTimeOffset Later = new(2026, 3, 16, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly DateOnly ExportDate = ShanghaiTime.DateOf(Later);

    private static readonly string[] Sources = ["国检", "第三方评估", "审计", "省检", "市检", "巡察"];

    /// <summary>Descriptions, the send-back reason, the unit's statement, the verifier's comment and the people's names the test bed uses.</summary>
    private static readonly string[] Personal = ["危房改造未验收", "教育资助未落实", "报销凭证不全", "核验属实", "已完成危房改造验收", "李主任", "张核验", "王干事"];

    [Fact]
    public async Task The_exported_ledger_agrees_with_the_ledger_in_table_and_csv_and_closing_an_item_rewrites_only_its_year()
    {
        await using var bed = await LedgerTestBed.StartAsync(Settings);
        var bicheng = bed.Places.Townships[0].Name;
        var jinshan = bed.Places.Townships[1].Name;
        var onTime = await bed.EnterAsync(LedgerTestBed.Finding("危房改造未验收", "县住建局", bicheng, "2026-03-13"));
        var late = await bed.EnterAsync(LedgerTestBed.Finding("饮水安全未达标", "县水务局", jinshan, "2026-03-13", "国检", "饮水安全"));
        var overdue = await bed.EnterAsync(LedgerTestBed.Finding("教育资助未落实", "县教育局", bicheng, "2026-03-13", "第三方评估", "教育保障"));
        await bed.EnterAsync(LedgerTestBed.Finding("产业项目收益未分配到户", "县农业农村局", null, "2026-03-20", "审计", "产业发展"));
        var sentBack = await bed.EnterAsync(LedgerTestBed.Finding("医疗报销未到位", "县医保局", jinshan, "2026-03-31", "市检", "医疗保障"));
        await bed.EnterAsync(LedgerTestBed.Finding("档案资料不全", "县住建局", bicheng, "2027-03-31", "巡察", "档案管理"), year: 2027);

        await bed.CloseThroughLinksAsync(onTime);
        Assert.Equal(HttpStatusCode.OK, (await bed.SubmitAsync(await bed.SubmitLinkAsync(sentBack))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bed.VerifyAsync(await bed.VerifyLinkAsync(sentBack), close: false, comment: "报销凭证不全")).StatusCode);
        await bed.WaitForAsync(sentBack.ItemId, d => d.Item.Round == 2 && d.Item.Status == RectificationStatus.InProgress, "sent back to round 2");

        bed.AdvanceTo(Later);
        await SignInAgainAsync(bed);
        await bed.WaitForAsync(late.ItemId, d => d.Item.Stage == OverdueStage.Supervised, "督办");
        await bed.WaitForAsync(overdue.ItemId, d => d.Item.Stage == OverdueStage.Supervised, "督办");
        await bed.CloseThroughLinksAsync(late);

        var exporter = bed.Services.GetRequiredService<AnalyticsExporter>();
        var report = await exporter.ExportAsync(new ExportRequest(ExportRequest.OnDemand), CancellationToken.None);
        Assert.False(report.Busy);

        // The ledger as its own API shows it, both years.
        var ledger = (await bed.ListAsync()).Concat(await bed.ListAsync(year: 2027)).ToList();
        var rows = await RowsAsync(exporter, RectificationItemFacts.Definition);
        Assert.Equal(6, ledger.Count);
        Assert.Equal(ledger.Select(i => i.ItemId).Order(), rows.Select(r => r.GetString("ItemKey")).Order());
        Assert.Equal([(bed.CountyCode + "|2026", 5), (bed.CountyCode + "|2027", 1)], rows.GroupBy(r => r.PartitionKey).Select(g => (g.Key, g.Count())).Order());
        Assert.Equal(ledger.Count(i => i.Status == RectificationStatus.Closed), rows.Count(r => r.GetBoolean("IsClosed") == true));
        Assert.Equal(2, rows.Count(r => r.GetString("Status") == "已销号"));
        Assert.Equal((await bed.ListAsync("overdue=true")).Select(i => i.ItemId), rows.Where(r => r.GetBoolean("IsOverdue") == true).Select(r => r.GetString("ItemKey")));
        Assert.Equal(overdue.ItemId, Assert.Single(rows, r => r.GetBoolean("IsOverdue") == true).GetString("ItemKey"));

        // Days past the 整改时限, to the day closed or the export date: 饮水 closed and 教育 open on Monday 16 March, three
        // days (one working day: 14 and 15 March are a weekend) after Friday 13 March.
        var calendarDays = ledger.Sum(i => Math.Max(0, ((i.ClosedAt is { } c ? ShanghaiTime.DateOf(c) : ExportDate).DayNumber - i.Finding.Deadline.DayNumber)));
        Assert.Equal(6, calendarDays);
        Assert.Equal(calendarDays, rows.Sum(r => r.GetInt32("OverdueDays")!.Value));
        Assert.Equal(2, rows.Sum(r => r.GetInt32("OverdueWorkingDays")!.Value));
        Assert.Equal(ledger.Count(i => i.Stage != OverdueStage.None), rows.Sum(r => r.GetInt32("SupervisionNotices")!.Value));
        Assert.Equal(2, rows.Sum(r => r.GetInt32("SupervisionNotices")!.Value));
        Assert.Equal(ledger.Sum(i => i.Round - 1), rows.Sum(r => r.GetInt32("SendBacks")!.Value));
        Assert.Equal(1, rows.Sum(r => r.GetInt32("SendBacks")!.Value));
        Assert.Equal(true, Row(rows, onTime).GetBoolean("IsClosedOnTime"));
        Assert.Equal(false, Row(rows, late).GetBoolean("IsClosedOnTime"));
        Assert.Equal(new DateOnly(2026, 3, 16), DateOnly.FromDateTime(Row(rows, late).GetDateTimeOffset("ClosedDate")!.Value.UtcDateTime));
        Assert.Equal(Sources.Order(StringComparer.Ordinal), rows.Select(r => r.GetString("Source")!).Order(StringComparer.Ordinal));
        Assert.Single(rows, r => r.GetString("TownshipKey") is null);
        Assert.Equal($"{bed.CountyCode}|{bed.Places.Townships[0].Code}", Row(rows, onTime).GetString("TownshipKey"));

        // Every unit key is a DimUnit row, named as the finding names it; 县住建局 is responsible for two items.
        var units = (await RowsAsync(exporter, UnitDimension.Definition)).Where(u => u.PartitionKey == bed.CountyCode).ToDictionary(u => u.GetString("UnitKey")!);
        Assert.All(rows, r => Assert.True(units.ContainsKey(r.GetString("UnitKey")!), $"{r.GetString("UnitKey")} is not in DimUnit."));
        Assert.Equal("县住建局", units[Row(rows, onTime).GetString("UnitKey")!].GetString("UnitName"));
        Assert.Equal(2, units[Row(rows, onTime).GetString("UnitKey")!].GetInt32("RectificationItems"));
        Assert.Equal(ledger.Count, units.Values.Sum(u => u.GetInt32("RectificationItems")!.Value));

        // The CSV snapshot holds the same rows and sums.
        var csv = CsvLines(await CsvAsync(exporter, RectificationItemFacts.Definition));
        var header = csv[0].Split(',');
        var cells = csv.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(rows.Count, cells.Count);
        Assert.Equal(calendarDays, cells.Sum(c => int.Parse(c[Array.IndexOf(header, "OverdueDays")], CultureInfo.InvariantCulture)));
        Assert.Equal(2, cells.Sum(c => int.Parse(c[Array.IndexOf(header, "OverdueWorkingDays")], CultureInfo.InvariantCulture)));
        Assert.Equal(1, cells.Count(c => c[Array.IndexOf(header, "IsOverdue")] == "true"));
        Assert.Equal(2, cells.Count(c => c[Array.IndexOf(header, "IsClosed")] == "true"));
        Assert.Equal(1, cells.Count(c => c[Array.IndexOf(header, "TownshipKey")].Length == 0));

        // Nothing personal or free text: no description, reason, statement or name of anyone who entered, submitted or verified.
        var exported = new StringBuilder();
        foreach (var table in new[] { RectificationItemFacts.Definition, UnitDimension.Definition, TownshipScoreFacts.Definition })
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

        // Incremental: nothing changed, nothing written; closing one item rewrites that item's row in its year only.
        var again = Table(await exporter.ExportAsync(new ExportRequest(ExportRequest.OnDemand), CancellationToken.None), RectificationItemFacts.Definition);
        Assert.Equal((0, 0, 2), (again.PartitionsWritten, again.RowsWritten, again.PartitionsUnchanged));
        var hashes = rows.ToDictionary(r => r.RowKey, r => r.GetString(ExportTable.RowHashProperty));

        await bed.CloseThroughLinksAsync(overdue);
        var after = Table(await exporter.ExportAsync(new ExportRequest(ExportRequest.OnDemand), CancellationToken.None), RectificationItemFacts.Definition);
        Assert.Equal((1, 1, 1, 0), (after.PartitionsWritten, after.RowsWritten, after.PartitionsUnchanged, after.RowsDeleted));
        var now = await RowsAsync(exporter, RectificationItemFacts.Definition);
        Assert.Equal([overdue.ItemId], now.Where(r => r.GetString(ExportTable.RowHashProperty) != hashes[r.RowKey]).Select(r => r.RowKey));
        Assert.Equal((true, false, 3), (Row(now, overdue).GetBoolean("IsClosed") == true, Row(now, overdue).GetBoolean("IsOverdue") == true, Row(now, overdue).GetInt32("OverdueDays")!.Value));
        Assert.Equal(0, now.Count(r => r.GetBoolean("IsOverdue") == true));
    }

    [Fact]
    public async Task The_township_ranking_matches_a_hand_computation_and_lufeng_gets_its_quarterly_list_not_flags()
    {
        var spec = RegisterTestBed.SmallSpec with { Townships = ["碧城镇", "金山镇", "一平浪镇", "广通镇", "黑井镇", "妥安乡"], PoorVillages = 6 };
        await using var bed = await LedgerTestBed.StartAsync(RegisterTestBed.Generate(spec), LedgerTestBed.Start, Settings);
        var codes = bed.Places.Townships.ToDictionary(t => t.Name, t => t.Code);

        // Due Friday 13 March: 碧城镇 1 closed; 金山镇 1 open; 一平浪镇 and 妥安乡 2 with 1 closed; 黑井镇 2 open;
        // 广通镇 one due 31 March (not yet due); and a county-wide item left open, which is no township's.
        async Task<RectificationItem> EnterAsync(string? township, int n, string deadline = "2026-03-13") =>
            await bed.EnterAsync(LedgerTestBed.Finding($"{township ?? "全县"}问题{n}", "县扶贫办", township, deadline));
        var closing = new List<RectificationItem> { await EnterAsync("碧城镇", 1), await EnterAsync("一平浪镇", 1), await EnterAsync("妥安乡", 1) };
        await EnterAsync("金山镇", 1);
        await EnterAsync("一平浪镇", 2);
        await EnterAsync("妥安乡", 2);
        await EnterAsync("黑井镇", 1);
        await EnterAsync("黑井镇", 2);
        await EnterAsync("广通镇", 1, "2026-03-31");
        await EnterAsync(null, 1);
        foreach (var item in closing)
        {
            await bed.CloseThroughLinksAsync(item);
        }

        bed.AdvanceTo(Later);
        var exporter = bed.Services.GetRequiredService<AnalyticsExporter>();
        Assert.False((await exporter.ExportAsync(new ExportRequest(ExportRequest.OnDemand), CancellationToken.None)).Busy);

        // 禄丰's rule (004): 90 or more puts a township on the quarter's plus list, below 60 on the minus list; no flags.
        // No register and no exit cases: exits, incidence and steps score 100, so total = (40·100 + 20·R + 20·100 + 20·100) / 100 = 80 + R/5.
        var expected = new Dictionary<string, (int Due, int Overdue, decimal Total, int Rank, string Flag)>
        {
            ["碧城镇"] = (1, 0, 100m, 1, "加分"),
            ["广通镇"] = (0, 0, 100m, 1, "加分"),
            ["一平浪镇"] = (2, 1, 90m, 3, "加分"),
            ["妥安乡"] = (2, 1, 90m, 3, "加分"),
            ["金山镇"] = (1, 1, 80m, 5, "无"),
            ["黑井镇"] = (2, 2, 80m, 5, "无"),
        };
        var scores = await RowsAsync(exporter, TownshipScoreFacts.Definition);
        Assert.Equal(6, scores.Count);
        Assert.All(scores, s => Assert.Equal((bed.CountyCode + "|2026", 2026, 1, ExportDate), (s.PartitionKey, s.GetInt32("Year")!.Value, s.GetInt32("Quarter")!.Value,
            DateOnly.FromDateTime(s.GetDateTimeOffset("AsOfDate")!.Value.UtcDateTime))));
        foreach (var (name, hand) in expected)
        {
            var row = Assert.Single(scores, s => s.GetString("TownshipKey") == $"{bed.CountyCode}|{codes[name]}");
            Assert.Equal(hand, (row.GetInt32("RectificationsDue")!.Value, row.GetInt32("RectificationsOverdue")!.Value, (decimal)row.GetDouble("WeightedScore")!.Value,
                row.GetInt32("Rank")!.Value, row.GetString("Flag")!));
            Assert.Equal((100d, 100d, 100d, 60d), (row.GetDouble("ExitProgressScore")!.Value, row.GetDouble("IncidenceScore")!.Value, row.GetDouble("ExitStepScore")!.Value,
                row.GetDouble("StandardLine")!.Value));
        }

        var csv = CsvLines(await CsvAsync(exporter, TownshipScoreFacts.Definition));
        var flag = Array.IndexOf(csv[0].Split(','), "Flag");
        Assert.Equal(4, csv.Skip(1).Count(l => l.Split(',')[flag] == "加分"));
        Assert.DoesNotContain(csv.Skip(1), l => l.Split(',')[flag] is "红旗" or "黄旗");
    }

    /// <summary>Two weeks on the clock outlive the officer's sign-in: sign in again, as the office would on Monday.</summary>
    private static async Task SignInAgainAsync(LedgerTestBed bed)
    {
        var signIn = await bed.County.PostAsync("/dev/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = "县扶贫办 王干事|CountyOfficer",
            ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    private static TableEntity Row(List<TableEntity> rows, RectificationItem item) => Assert.Single(rows, r => r.RowKey == item.ItemId);

    private static TableExport Table(ExportReport report, ExportTable table) => report.Tables.Single(t => t.Table == table.Name);

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

    private static List<string> CsvLines(byte[] csv)
    {
        Assert.True(csv.AsSpan().StartsWith(Encoding.UTF8.Preamble), "The snapshot has no UTF-8 BOM.");
        return Encoding.UTF8.GetString(csv.AsSpan(Encoding.UTF8.Preamble.Length)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
