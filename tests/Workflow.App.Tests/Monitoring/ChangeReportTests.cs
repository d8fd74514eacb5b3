using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Monitoring;
using Workflow.App.Monitoring.Changes;
using Workflow.App.Notifications;
using Workflow.App.Register;
using Workflow.Domain.Calendar;
using Workflow.Domain.Entries;
using Workflow.Domain.Monitoring;
using Xunit;

namespace Workflow.App.Tests.Monitoring;

/// <summary>
/// 月度变动报告 checked against the register and the checks (seed 002: "指派专人每月统计一次辖区内新发生的符合纳入条件贫困人口、返贫人口、自然死亡贫困人口数量，详细记录每名贫困人口调整变动原因，月底前上报扶贫办。"):
/// March 2020 of 禄丰县 with one 新识别, one 返贫, one exit and one death (and an exit of February that must not count);
/// the page's and the CSV's lines and totals are what the register and the round say; on the last working day the
/// county office gets the report's link and each township its own lines, once. The cadre view counts the checks not filed.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ChangeReportTests
{
    private static readonly MonitoringMonth March = new(2020, 3);
    private static readonly string[] Elderly = ["老人户"];

    [Fact]
    public async Task A_month_of_changes_is_reported_as_the_register_and_the_checks_say_and_sent_on_its_last_working_day()
    {
        // Monday 2 March 2020, 09:00 in Beijing.
        await using var bed = await MonitoringTestBed.StartAsync(ShanghaiTime.StartOf(new DateOnly(2020, 3, 2)).AddHours(9));
        var api = $"/api/counties/{MonitoringTestBed.County}/monitoring";
        Assert.Equal(HttpStatusCode.OK, (await bed.Officer.PutAsJsonAsync($"{api}/{MonitoringTestBed.Grouped}", new { groups = Elderly })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await bed.Officer.PostAsJsonAsync($"{api}/rounds", new { month = "2020-03" })).StatusCode);
        var links = await bed.WaitForMessagesAsync(MonitoringRecipients.Cadre(MonitoringTestBed.Bicheng, "李帮扶"), m => m.Kind == NotificationKinds.DecisionAwaited, 2);

        // The death: the 监测户's check reports a member who died, with the cadre's note.
        var death = await bed.Anonymous.PostAsync(MonitoringTestBed.LinkFor(links, MonitoringTestBed.Monitored),
            MonitoringTestBed.CheckForm(income: "9000", on: "2020-03-02", died: "1", other: "户主母亲3月1日病故"));
        Assert.Equal(HttpStatusCode.OK, death.StatusCode);

        // The cases' outcomes as they reach the register: a 新识别 (the 边缘户), a 返贫 (the 监测户), an exit in March, and one in February.
        var register = bed.Services.GetRequiredService<RegisterStore>();
        await register.RecordEntryAsync(MonitoringTestBed.County, MonitoringTestBed.Edge,
            new EntryRecord("532331-E-N1", new DateOnly(2020, 3, 10), EntryKind.NewEntry, "因病致贫，人均纯收入低于标准（即时纳入：户主住院）"), CancellationToken.None);
        await register.RecordEntryAsync(MonitoringTestBed.County, MonitoringTestBed.Monitored,
            new EntryRecord("532331-M-R1", new DateOnly(2020, 3, 20), EntryKind.Relapse, "户主突发重病，收入降至标准线以下（监测预警）"), CancellationToken.None);
        await register.RecordExitAsync(MonitoringTestBed.County, MonitoringTestBed.Grouped,
            new ExitRecord("532331-G-1", new DateOnly(2020, 3, 5), null) { StandardYear = 2020, VerifiedPerCapitaNetIncome = 6200m }, CancellationToken.None);
        await register.RecordExitAsync(MonitoringTestBed.County, MonitoringTestBed.Unmonitored,
            new ExitRecord("532331-U-1", new DateOnly(2020, 2, 28), null) { StandardYear = 2020 }, CancellationToken.None);

        var edge = (await register.FindHouseholdAsync(MonitoringTestBed.County, MonitoringTestBed.Edge, CancellationToken.None))!;
        var relapsed = (await register.FindHouseholdAsync(MonitoringTestBed.County, MonitoringTestBed.Monitored, CancellationToken.None))!;
        var exited = (await register.FindHouseholdAsync(MonitoringTestBed.County, MonitoringTestBed.Grouped, CancellationToken.None))!;
        var check = (await bed.Services.GetRequiredService<MonitoringCheckStore>().FindAsync(MonitoringTestBed.County, March, MonitoringTestBed.Monitored, CancellationToken.None))!.Check!;

        var report = (await bed.Services.GetRequiredService<ChangeReportReader>().ReadAsync(MonitoringTestBed.County, March, null, CancellationToken.None))!;
        var expected = new[]
        {
            new ChangeLine(ChangeKind.NewEntry, edge.TownshipCode, edge.Township, edge.VillageCode, edge.Village, edge.Household.Number, edge.Household.Head.Name, edge.Household.Size,
                edge.Entry!.CaseId, edge.Entry.EntryDate, edge.Entry.Reason),
            new ChangeLine(ChangeKind.Relapse, relapsed.TownshipCode, relapsed.Township, relapsed.VillageCode, relapsed.Village, relapsed.Household.Number, relapsed.Household.Head.Name,
                relapsed.Household.Size, relapsed.Entry!.CaseId, relapsed.Entry.EntryDate, relapsed.Entry.Reason),
            new ChangeLine(ChangeKind.Death, relapsed.TownshipCode, relapsed.Township, relapsed.VillageCode, relapsed.Village, relapsed.Household.Number, relapsed.Household.Head.Name,
                check.Risks.MembersDied, null, check.CheckedOn, "家庭成员死亡 1 人：户主母亲3月1日病故（2020年3月监测，监测人 李帮扶）"),
            new ChangeLine(ChangeKind.Exit, exited.TownshipCode, exited.Township, exited.VillageCode, exited.Village, exited.Household.Number, exited.Household.Head.Name, exited.Household.Size,
                exited.Exit!.CaseId, exited.Exit.ExitDate!.Value, "达到2020年脱贫标准，审定退出，已销号（核实人均纯收入 6200 元）"),
        };
        Assert.Equal(expected, report.Lines);
        Assert.Equal([MonitoringTestBed.Bicheng, MonitoringTestBed.Jinshan], report.Townships.Select(t => t.TownshipCode));
        Assert.Equal(new ChangeCount(1, 2), report.Total(ChangeKind.NewEntry));
        Assert.Equal(new ChangeCount(1, 3), report.Total(ChangeKind.Relapse));
        Assert.Equal(new ChangeCount(1, 1), report.Total(ChangeKind.Exit));
        Assert.Equal(new ChangeCount(1, 1), report.Total(ChangeKind.Death));
        Assert.Equal(new ChangeCount(0, 0), report.Townships[1].Count(ChangeKind.Relapse));

        // The page: counts per township and the total, each line with its reason; a township's view has only its lines.
        var page = await bed.Officer.GetStringAsync($"/console/changes?county={MonitoringTestBed.County}&month=202003");
        Assert.Contains("月度变动报告", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\" data-kind=\"Relapse\">1/3</td>", page, StringComparison.Ordinal);
        Assert.Contains("户主母亲3月1日病故", page, StringComparison.Ordinal);
        Assert.Contains("2020-03-31 前", page, StringComparison.Ordinal);
        Assert.DoesNotContain(MonitoringTestBed.Unmonitored, page, StringComparison.Ordinal);
        Assert.DoesNotContain("19600101", page, StringComparison.Ordinal);
        var jinshan = await bed.Officer.GetStringAsync($"/console/changes?county={MonitoringTestBed.County}&month=202003&township={MonitoringTestBed.Jinshan}");
        Assert.Contains(MonitoringTestBed.Grouped, jinshan, StringComparison.Ordinal);
        Assert.DoesNotContain(MonitoringTestBed.Monitored, jinshan, StringComparison.Ordinal);
        var badMonth = await bed.Officer.GetAsync($"/console/changes?county={MonitoringTestBed.County}&month=2020-13");
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bed.Officer.GetAsync($"/console/changes?county={MonitoringTestBed.County}&township=999")).StatusCode);
        // Not signed in: sent to sign in, nothing of the report shown.
        Assert.DoesNotContain(MonitoringTestBed.Grouped, await bed.Anonymous.GetStringAsync($"/console/changes?county={MonitoringTestBed.County}&month=202003"), StringComparison.Ordinal);

        // The CSV: UTF-8 with BOM, one row per line, no 身份证号.
        var csv = await bed.Officer.GetByteArrayAsync($"/console/changes?county={MonitoringTestBed.County}&month=202003&format=csv");
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var rows = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', ChangeReportView.Header), rows[0]);
        Assert.Equal(5, rows.Length);
        Assert.StartsWith($"532331101,碧城镇,返贫,竹湖村,{MonitoringTestBed.Monitored},张一,3,2020-03-20,532331-M-R1,", rows[2], StringComparison.Ordinal);
        Assert.DoesNotContain("19600101", Encoding.UTF8.GetString(csv), StringComparison.Ordinal);

        // The cadre view: 李帮扶's 边缘户 and 赵帮扶's household have no March check.
        var cadres = await bed.Officer.GetStringAsync($"/console/cadres?county={MonitoringTestBed.County}");
        Assert.Contains("本月未监测", cadres, StringComparison.Ordinal);
        Assert.Contains($"data-missed-months=\"{MonitoringTestBed.Edge}\">2020年3月</td>", cadres, StringComparison.Ordinal);
        Assert.Contains($"data-missed-months=\"{MonitoringTestBed.Monitored}\"></td>", cadres, StringComparison.Ordinal);
        Assert.Contains($"data-missed-months=\"{MonitoringTestBed.Grouped}\">2020年3月</td>", cadres, StringComparison.Ordinal);

        // Monday 30 March is not the last working day; Tuesday 31 March is: the report goes out once.
        var notice = bed.Services.GetRequiredService<ChangeReportNotice>();
        bed.Clock.Advance(ShanghaiTime.StartOf(new DateOnly(2020, 3, 30)).AddHours(9) - bed.Clock.GetUtcNow());
        Assert.False(await notice.SendIfDueAsync(MonitoringTestBed.County, CancellationToken.None));
        bed.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True(await notice.SendIfDueAsync(MonitoringTestBed.County, CancellationToken.None));
        Assert.True(await notice.SendIfDueAsync(MonitoringTestBed.County, CancellationToken.None));
        var office = Assert.Single(await bed.WaitForMessagesAsync($"CountyOfficer@{MonitoringTestBed.County}", m => m.Title.Contains("变动报告", StringComparison.Ordinal)));
        Assert.Contains("新识别 1 户 2 人，返贫 1 户 3 人，脱贫退出 1 户 1 人，自然死亡 1 人", office.Text, StringComparison.Ordinal);
        Assert.Equal($"/console/changes?county={MonitoringTestBed.County}&month=202003", office.Link!.PathAndQuery);
        var township = Assert.Single(await bed.WaitForMessagesAsync($"TownshipApprover@{MonitoringTestBed.Jinshan}", m => m.Title.Contains("变动", StringComparison.Ordinal)));
        Assert.Contains("脱贫退出 东河村王三户（1 人）", township.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("张一", township.Text, StringComparison.Ordinal);
    }
}
