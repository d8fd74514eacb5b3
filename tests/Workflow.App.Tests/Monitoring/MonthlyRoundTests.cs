using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Monitoring;
using Workflow.App.Monitoring.Orchestration;
using Workflow.App.Notifications;
using Workflow.App.Tests.Exits;
using Workflow.Domain.Calendar;
using Workflow.Domain.Monitoring;
using Xunit;

namespace Workflow.App.Tests.Monitoring;

/// <summary>
/// A county's March 2020 round on the real engine, real Kestrel and Azurite, with the county clock moved by the test:
/// links go to the cadres of the monitored households only; a check filed through its link is taken once (a second
/// use is refused) and, when it alerts, notifies the township and proposes a relapse; a refused entry changes nothing;
/// the missing check is reminded three working days before month end and escalated to the township at month end; the
/// console and the quarter's summary count what was filed.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class MonthlyRoundTests
{
    private static readonly MonitoringMonth March = new(2020, 3);
    private static readonly string[] TwoGroups = ["老人户", "C、D级危房户"];
    private static readonly string[] Unknown = ["困难户"];
    private static readonly string[] Elderly = ["老人户"];

    [Fact]
    public async Task A_round_sends_links_takes_checks_once_reminds_and_escalates_what_is_missing()
    {
        // Monday 2 March 2020, 09:00 in Beijing.
        await using var bed = await MonitoringTestBed.StartAsync(ShanghaiTime.StartOf(new DateOnly(2020, 3, 2)).AddHours(9));
        var api = $"/api/counties/{MonitoringTestBed.County}/monitoring";

        // The office puts the household of no category in a group; an unknown group and an unknown household are refused.
        var put = await bed.Officer.PutAsJsonAsync($"{api}/{MonitoringTestBed.Grouped}", new { groups = TwoGroups });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var bad = await bed.Officer.PutAsJsonAsync($"{api}/{MonitoringTestBed.Grouped}", new { groups = Unknown });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("不是12类群体之一", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await bed.Officer.PutAsJsonAsync($"{api}/999", new { groups = Elderly })).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await bed.Anonymous.PutAsJsonAsync($"{api}/{MonitoringTestBed.Grouped}", new { groups = Elderly })).StatusCode);

        var started = await bed.Officer.PostAsJsonAsync($"{api}/rounds", new { month = "2020-03" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bed.Officer.PostAsJsonAsync($"{api}/rounds", new { month = "2020-03" })).StatusCode);
        var instanceId = MonitoringKeys.InstanceId(MonitoringTestBed.County, March);
        await bed.WaitForRoundAsync(instanceId, i => i.SerializedCustomStatus?.Contains("\"asked\":3", StringComparison.OrdinalIgnoreCase) == true, "three households asked");

        // 李帮扶 of 碧城镇 holds the 监测户 and the 边缘户; 赵帮扶 of 金山镇 the household in a group, not the one in none.
        var bichengCadre = MonitoringRecipients.Cadre(MonitoringTestBed.Bicheng, "李帮扶");
        var jinshanCadre = MonitoringRecipients.Cadre(MonitoringTestBed.Jinshan, "赵帮扶");
        var bichengLinks = await bed.WaitForMessagesAsync(bichengCadre, m => m.Kind == NotificationKinds.DecisionAwaited, 2);
        var jinshanLinks = await bed.WaitForMessagesAsync(jinshanCadre, m => m.Kind == NotificationKinds.DecisionAwaited);
        Assert.Single(jinshanLinks);
        Assert.DoesNotContain(jinshanLinks, m => m.Text.Contains(MonitoringTestBed.Unmonitored, StringComparison.Ordinal));
        var monitoredLink = MonitoringTestBed.LinkFor(bichengLinks, MonitoringTestBed.Monitored);
        var edgeLink = MonitoringTestBed.LinkFor(bichengLinks, MonitoringTestBed.Edge);

        // The page shows the household, its place and the line; no 身份证号.
        var page = await bed.Anonymous.GetStringAsync(monitoredLink);
        Assert.Contains("张一", page, StringComparison.Ordinal);
        Assert.Contains("碧城镇竹湖村", page, StringComparison.Ordinal);
        Assert.Contains("4000 元", page, StringComparison.Ordinal);
        Assert.DoesNotContain("19600101", page, StringComparison.Ordinal);

        // A check below the line alerts: the township's 乡镇分管领导 is told and a relapse is proposed (the household has exited).
        var filed = await bed.Anonymous.PostAsync(monitoredLink, MonitoringTestBed.CheckForm(income: "3000", on: "2020-03-02"));
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        Assert.Contains("data-checked=\"alert\"", await filed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var alert = Assert.Single(await bed.WaitForMessagesAsync(MonitoringRecipients.TownshipLeader(MonitoringTestBed.Bicheng), m => m.Title.StartsWith("监测预警", StringComparison.Ordinal)));
        Assert.Contains("张一", alert.Text, StringComparison.Ordinal);
        Assert.Contains("预计全年人均纯收入 3000 元", alert.Text, StringComparison.Ordinal);
        var proposal = Assert.Single(bed.Proposals.Received.Values);
        Assert.Equal((MonitoringTestBed.County, MonitoringTestBed.Monitored), (proposal.CountyCode, proposal.HouseholdNumber));
        Assert.Contains("3000", proposal.Reason, StringComparison.Ordinal);

        // The same link again: refused, and nothing more is proposed or recorded.
        var again = await bed.Anonymous.PostAsync(monitoredLink, MonitoringTestBed.CheckForm(income: "9000", on: "2020-03-02"));
        Assert.Contains("该链接已使用过", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("该链接已使用过", await (await bed.Anonymous.GetAsync(monitoredLink)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A forged link is refused.
        Assert.Contains("链接无效", await (await bed.Anonymous.GetAsync(monitoredLink[..^3] + "abc")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A refused entry keeps the link usable: more deaths than members, then a plain check.
        var refused = await bed.Anonymous.PostAsync(edgeLink, MonitoringTestBed.CheckForm(income: "5000", on: "2020-03-02", died: "3"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("死亡人数3超过家庭人口数2", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var future = await bed.Anonymous.PostAsync(edgeLink, MonitoringTestBed.CheckForm(income: "5000", on: "2020-03-03"));
        Assert.Contains("晚于今天", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The 边缘户 has never exited: its alert (unsafe water) notes a 新识别 instead of proposing a relapse.
        var edge = await bed.Anonymous.PostAsync(edgeLink, MonitoringTestBed.CheckForm(income: "5000", on: "2020-03-02", died: "1", water: false));
        Assert.Contains("data-checked=\"alert\"", await edge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await bed.WaitForMessagesAsync(MonitoringRecipients.TownshipLeader(MonitoringTestBed.Bicheng), m => m.Title.StartsWith("监测预警", StringComparison.Ordinal), 2);
        Assert.Single(bed.Proposals.Received);
        await bed.WaitForRoundAsync(instanceId, i => i.SerializedCustomStatus?.Contains("\"checked\":2", StringComparison.OrdinalIgnoreCase) == true, "two checks counted");

        // 26 March is three working days before Tuesday 31 March: only the missing check's cadre is reminded.
        bed.Clock.Advance(ShanghaiTime.StartOf(new DateOnly(2020, 3, 26)) - bed.Clock.GetUtcNow());
        var reminder = Assert.Single(await bed.WaitForMessagesAsync(jinshanCadre, m => m.Kind == NotificationKinds.Reminder));
        Assert.Contains("王三", reminder.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await bed.MessagesAsync(bichengCadre), m => m.Kind == NotificationKinds.Reminder);

        // At the end of 31 March the missing check goes to 金山镇's 乡镇分管领导, and the round ends.
        bed.Clock.Advance(ShanghaiTime.StartOf(new DateOnly(2020, 4, 1)) - bed.Clock.GetUtcNow());
        var escalation = Assert.Single(await bed.WaitForMessagesAsync(MonitoringRecipients.TownshipLeader(MonitoringTestBed.Jinshan), m => m.Kind == NotificationKinds.Escalated));
        Assert.Contains("王三", escalation.Text, StringComparison.Ordinal);
        Assert.Contains("赵帮扶", escalation.Text, StringComparison.Ordinal);
        var ended = await bed.WaitForRoundAsync(instanceId, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Completed, "the round ended");
        Assert.Equal(new RoundResult(3, 2, 1), ended.ReadOutputAs<RoundResult>());
        Assert.DoesNotContain(await bed.MessagesAsync(MonitoringRecipients.TownshipLeader(MonitoringTestBed.Bicheng)), m => m.Title.Contains("逾期", StringComparison.Ordinal));

        // What the round holds: the alert with its proposal, the 边缘户's check, the missing one escalated.
        var reader = bed.Services.GetRequiredService<MonitoringReader>();
        var month = await reader.MonthAsync(MonitoringTestBed.County, March, CancellationToken.None);
        var monitored = month.Entries.Single(e => e.Household.Number == MonitoringTestBed.Monitored);
        Assert.Equal(["income"], monitored.FailedCodes);
        Assert.Equal("已提出返贫申报（案件 relapse-532331101200001）。", monitored.Proposal);
        Assert.StartsWith("边缘户", month.Entries.Single(e => e.Household.Number == MonitoringTestBed.Edge).Proposal, StringComparison.Ordinal);
        Assert.True(month.Entries.Single(e => e.Household.Number == MonitoringTestBed.Grouped).Escalated);
        Assert.Equal((3, 2, 2), (month.Total.Asked, month.Total.Checked, month.Total.Alerts));
        var missed = Assert.Single(await reader.MissedChecksByCadreAsync(MonitoringTestBed.County, [March], CancellationToken.None));
        Assert.Equal(("金山镇", "赵帮扶"), (missed.Cadre.Township, missed.Cadre.Name));

        // The console: the month per township, and the quarter as CSV (UTF-8 with BOM).
        await bed.SignInAsync();
        var console = await bed.Officer.GetStringAsync($"/console/monitoring?county={MonitoringTestBed.County}&month=202003");
        Assert.Contains("动态监测", console, StringComparison.Ordinal);
        Assert.Contains("已提出返贫申报", console, StringComparison.Ordinal);
        var csv = await bed.Officer.GetByteArrayAsync($"/console/monitoring?county={MonitoringTestBed.County}&month=202003&format=csv&table=quarter");
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // 碧城镇: 2 households, none checked every month of the quarter (only March ran), 2 checks, 2 alerts (income, water); 1 death.
        Assert.StartsWith("532331101,碧城镇,2,0,2,2,1,0,0,0,0,0,1,0,0,0,1,0,1", lines.Single(l => l.StartsWith("532331101", StringComparison.Ordinal)), StringComparison.Ordinal);

        // April: the schedule starts the round by itself for a county that keeps a ledger.
        await bed.Services.GetRequiredService<MonthlyRoundSchedule>().RunAsync(CancellationToken.None);
        await bed.WaitForRoundAsync(MonitoringKeys.InstanceId(MonitoringTestBed.County, new MonitoringMonth(2020, 4)),
            i => i.SerializedCustomStatus?.Contains("\"asked\":3", StringComparison.OrdinalIgnoreCase) == true, "April's round asked three households");
    }
}
