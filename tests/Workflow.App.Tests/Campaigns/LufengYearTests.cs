using System.Net;
using System.Net.Http.Json;
using Workflow.Domain.Campaigns;
using Workflow.App.Campaigns;
using Workflow.App.Rectification;
using Workflow.App.Tests.Exits;
using Workflow.App.Tests.Register;
using Xunit;

namespace Workflow.App.Tests.Campaigns;

/// <summary>
/// 禄丰 2020 (seed 004) under the controllable clock: four seasonal actions from January to January, 20 work items,
/// county-wide report dates 3/20, 6/20, 9/20. Phases open on their dates or when the office starts them early, units
/// are reminded and go 逾期, reports come in through links, and the office advances each phase; 春季攻势 closes only
/// when the earlier findings (the 2019 assessment's, in the real 整改台账) are closed through the ledger's links.
/// </summary>
public sealed class LufengYearTests
{
    private const string County = "532331";
    private const int Year = 2020;
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static DateTimeOffset At(int year, int month, int day, int hour = 0, int minute = 0, int second = 1) => new(year, month, day, hour, minute, second, Beijing);

    [Fact]
    public async Task A_whole_year_runs_phase_by_phase_with_reminders_overdue_reports_and_advances_in_order()
    {
        await using var bed = await CampaignTestBed.StartAsync(At(2019, 12, 30, 9));
        await bed.SavePlacesAsync(RegisterTestBed.Generate());
        var ledger = bed.LedgerOf(County, Year);
        var started = await bed.StartCampaignAsync(County, Year);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var waiting = await bed.WaitForPhaseAsync(County, Year, "SpringOffensive", PhaseState.AwaitingStart);
        Assert.Empty(waiting.Tasks);

        // 春季攻势 opens on 1 January by its timer, with all 20 work items.
        await bed.MoveToAsync(At(2020, 1, 1));
        var spring = await bed.WaitForPhaseAsync(County, Year, "SpringOffensive", PhaseState.Open);
        Assert.Equal(20, spring.Tasks.Count);
        Assert.Equal(new DateOnly(2020, 1, 1), spring.Current!.EnteredOn);
        Assert.Equal(91, spring.Current.DaysLeft!.CalendarDays);
        var finding = await ledger.EnterAsync(new FindingForm("省检", "住房安全", "2019年省对县考核：危房改造“回头看”2户未验收", "碧城镇", "县住房城乡建设局", "2020-03-15"));

        // 县扶贫办 leads 九 (金融扶贫, t09); it reports progress for the 3/20 county report through its link, the others do not.
        var link = await bed.WaitForReportLinkAsync(County, "县扶贫办", "532331-2020-t09", "report-20200320");
        await bed.MoveToAsync(At(2020, 3, 10, 10));
        var reported = await bed.ReportAsync(link, "小额信贷风险排查完成80%", completed: false);
        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        var reused = await bed.ReportAsync(link, "再报一次", completed: false);
        Assert.Contains("该链接已使用过", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // 春季攻势 cannot close while the 2019 finding is open; the unit and the verifier close it through their links.
        // A finding of 禄丰's own source 暗访督战 (004) blocks too, named by its own name, not 本县增设来源 (issue 20, 4.4).
        var covert = await ledger.EnterAsync(new FindingForm("暗访督战", "饮水安全", "暗访发现：饮水不稳定", "碧城镇", "县水务局", "2020-03-15"));
        var blocked = await bed.AdvanceAsync(bed.Officer, County, Year, "SpringOffensive");
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        var blockers = (await blocked.Content.ReadFromJsonAsync<CommandOutcome>(ExitTestBed.Json))!.Blockers;
        Assert.Equal(2, blockers.Count);
        Assert.Contains(blockers, b => b.Contains(finding.ItemId, StringComparison.Ordinal));
        Assert.Contains(blockers, b => b.Contains(covert.ItemId, StringComparison.Ordinal) && b.Contains("（暗访督战）", StringComparison.Ordinal));
        Assert.DoesNotContain(blockers, b => b.Contains("本县增设来源", StringComparison.Ordinal));
        await Task.WhenAll(ledger.CloseThroughLinksAsync(finding), ledger.CloseThroughLinksAsync(covert));

        await bed.MoveToAsync(At(2020, 3, 21));
        var afterReportDate = await bed.WaitForHistoryAsync(County, Year, CampaignTimelineKinds.TaskOverdue, "overdue-532331-2020-t01-report-20200320");
        Assert.DoesNotContain(afterReportDate.History, h => h.Key == "overdue-532331-2020-t09-report-20200320");
        Assert.Equal(TrackedTaskStatus.Overdue, afterReportDate.Tasks.Single(t => t.Task.TaskId == "532331-2020-t01").Status);
        Assert.Equal(TrackedTaskStatus.InProgress, afterReportDate.Tasks.Single(t => t.Task.TaskId == "532331-2020-t09").Status);
        // Reminders 5 and 1 working days before 20 March (Friday): 13 March and 19 March at 09:00, then 逾期 at midnight.
        var t01 = afterReportDate.History.Where(h => h.Key.Contains("532331-2020-t01-report-20200320", StringComparison.Ordinal)).ToList();
        Assert.Equal([(CampaignTimelineKinds.TaskDue, At(2020, 3, 13, 9, 0, 0)), (CampaignTimelineKinds.TaskDue, At(2020, 3, 19, 9, 0, 0)),
            (CampaignTimelineKinds.TaskOverdue, At(2020, 3, 21, 0, 0, 0))], t01.Select(h => (h.Kind, h.At)).ToList());

        // The last day: the office is reminded; it advances, and starts 夏季提升 a day early.
        await bed.MoveToAsync(At(2020, 3, 31, 9));
        await bed.WaitForHistoryAsync(County, Year, CampaignTimelineKinds.PhaseEnding, "ending-SpringOffensive");
        Assert.Equal(HttpStatusCode.Accepted, (await bed.AdvanceAsync(bed.Officer, County, Year, "SpringOffensive")).StatusCode);
        await bed.WaitForPhaseAsync(County, Year, "SummerUpgrade", PhaseState.AwaitingStart);
        var early = await bed.Officer.PostAsJsonAsync($"/api/counties/{County}/campaigns/{Year}/start", new { phase = "SummerUpgrade" });
        Assert.Equal(HttpStatusCode.Accepted, early.StatusCode);
        var summer = await bed.WaitForPhaseAsync(County, Year, "SummerUpgrade", PhaseState.Open);
        Assert.Equal(new DateOnly(2020, 3, 31), summer.Current!.EnteredOn);

        // 二 (就业扶贫, due 6/30) is reported done; 三 (住房安全, due 6/30) is not.
        await bed.MoveToAsync(At(2020, 6, 15, 15));
        var done = await bed.WaitForReportLinkAsync(County, "县人力资源和社会保障局", "532331-2020-t02", "report-20200620");
        Assert.Equal(HttpStatusCode.OK, (await bed.ReportAsync(done, "转移就业目标已完成", completed: true)).StatusCode);
        await bed.MoveToAsync(At(2020, 7, 1));
        var july = await bed.WaitForHistoryAsync(County, Year, CampaignTimelineKinds.TaskOverdue, "overdue-532331-2020-t03-due-20200630");
        Assert.Equal(TrackedTaskStatus.Completed, july.Tasks.Single(t => t.Task.TaskId == "532331-2020-t02").Status);
        Assert.Equal(TrackedTaskStatus.Overdue, july.Tasks.Single(t => t.Task.TaskId == "532331-2020-t03").Status);
        Assert.DoesNotContain(july.History, h => h.Key == "overdue-532331-2020-t02-due-20200630");

        // 秋季巩固 and 冬季决战: each advanced after its date has come, so each opens at once.
        Assert.Equal(HttpStatusCode.Accepted, (await bed.AdvanceAsync(bed.Officer, County, Year, "SummerUpgrade")).StatusCode);
        await bed.WaitForPhaseAsync(County, Year, "AutumnConsolidation", PhaseState.Open);
        await bed.MoveToAsync(At(2020, 10, 1));
        await bed.WaitForHistoryAsync(County, Year, CampaignTimelineKinds.TaskOverdue, "overdue-532331-2020-t01-report-20200920");
        await bed.WaitForHistoryAsync(County, Year, CampaignTimelineKinds.PhaseEnding, "ending-AutumnConsolidation");
        Assert.Equal(HttpStatusCode.Accepted, (await bed.AdvanceAsync(bed.Officer, County, Year, "AutumnConsolidation")).StatusCode);
        await bed.WaitForPhaseAsync(County, Year, "WinterDecisiveBattle", PhaseState.Open);
        await bed.MoveToAsync(At(2021, 1, 31, 9));
        await bed.WaitForHistoryAsync(County, Year, CampaignTimelineKinds.PhaseEnding, "ending-WinterDecisiveBattle");
        Assert.Equal(HttpStatusCode.Accepted, (await bed.AdvanceAsync(bed.Officer, County, Year, "WinterDecisiveBattle")).StatusCode);
        var end = await bed.WaitForAsync(County, Year, s => s.Completed, "completed");

        string[] transitions = [CampaignTimelineKinds.PhaseStarted, CampaignTimelineKinds.PhaseEnding, CampaignTimelineKinds.Advanced, CampaignTimelineKinds.Completed];
        Assert.Equal(
        [
            (CampaignTimelineKinds.PhaseStarted, "SpringOffensive", At(2020, 1, 1, 0, 0, 0)),
            (CampaignTimelineKinds.PhaseEnding, "SpringOffensive", At(2020, 3, 31, 9, 0, 0)),
            (CampaignTimelineKinds.Advanced, "SpringOffensive", At(2020, 3, 31, 9)),
            (CampaignTimelineKinds.PhaseStarted, "SummerUpgrade", At(2020, 3, 31, 9)),
            (CampaignTimelineKinds.PhaseEnding, "SummerUpgrade", At(2020, 6, 30, 9, 0, 0)),
            (CampaignTimelineKinds.Advanced, "SummerUpgrade", At(2020, 7, 1)),
            (CampaignTimelineKinds.PhaseStarted, "AutumnConsolidation", At(2020, 7, 1)),
            (CampaignTimelineKinds.PhaseEnding, "AutumnConsolidation", At(2020, 9, 30, 9, 0, 0)),
            (CampaignTimelineKinds.Advanced, "AutumnConsolidation", At(2020, 10, 1)),
            (CampaignTimelineKinds.PhaseStarted, "WinterDecisiveBattle", At(2020, 10, 1)),
            (CampaignTimelineKinds.PhaseEnding, "WinterDecisiveBattle", At(2021, 1, 31, 9, 0, 0)),
            (CampaignTimelineKinds.Completed, "WinterDecisiveBattle", At(2021, 1, 31, 9)),
        ], end.History.Where(h => transitions.Contains(h.Kind)).Select(h => (h.Kind, h.Phase!, h.At)).ToList());
        Assert.Contains("由县扶贫办 王干事提前启动", end.History.Single(h => h.Key == "start-SummerUpgrade").Text, StringComparison.Ordinal);

        // Reports and notifications sit in time order among the transitions.
        var ordered = end.History.Select(h => h.At).ToList();
        Assert.Equal(ordered.Order().ToList(), ordered);
        var reportedAt = end.History.Single(h => h.Kind == CampaignTimelineKinds.Reported && h.Text.Contains("金融扶贫", StringComparison.Ordinal)).At;
        Assert.Equal(At(2020, 3, 10, 10), reportedAt);
        var office = await bed.Anonymous.GetStringAsync($"/inbox?recipient={Uri.EscapeDataString(CampaignRecipients.Office(County))}");
        Assert.Contains("阶段开始：冬季决战行动", office, StringComparison.Ordinal);
        Assert.Contains("阶段到期：春季攻势行动", office, StringComparison.Ordinal);
    }
}
