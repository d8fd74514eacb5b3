using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Plans;
using Workflow.Domain.Rectification;
using Microsoft.DurableTask.Client;
using Workflow.App.Audit;
using Workflow.App.Campaigns;
using Workflow.App.Rectification;
using Workflow.App.Rectification.Web;
using Workflow.App.Tests.Exits;
using Workflow.App.Tests.Rectification;
using Workflow.App.Tests.Register;
using Xunit;

namespace Workflow.App.Tests.Campaigns;

/// <summary>
/// 洮南 2018 (seed 002) under the controllable clock with the real 整改台账: 百日会战's 18 known problems (6 areas) are
/// entered and closed through the units' and the verifier's links; in 考核评估 the third-party findings are imported
/// from a file (a broken row reported, the good ones kept) and the closing gate waits for them; in 百日整改 one item is
/// closed, one goes overdue (督办单, then 约谈), one is closed late; the gate blocks 迎检验收 (also when the request's
/// own check is stale: the orchestration checks again) until a CountyAdmin overrides with a reason, audited.
/// </summary>
public sealed class TaonanYearTests
{
    private const string County = "220881";
    private const int Year = 2018;
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static DateTimeOffset At(int month, int day, int hour = 0, int minute = 0, int second = 1) => new(Year, month, day, hour, minute, second, Beijing);

    /// <summary>百日会战's rectification task: 6 areas, 3 problems each, from the inspections before the year (none from the third party).</summary>
    private static readonly (string Area, string Source, string Unit)[] KnownAreas =
    [
        ("精准识别", "国检", "市扶贫办"), ("精准帮扶", "省检", "市农业农村局"), ("精准退出", "市检", "市扶贫办"),
        ("项目资金", "审计", "市财政局"), ("档案管理", "巡察", "市扶贫办"), ("作风建设", "巡察", "市纪委监委"),
    ];

    [Fact]
    public async Task The_year_runs_with_the_real_ledger_and_the_gate_holds_迎检验收_until_items_are_closed_or_overridden()
    {
        await using var bed = await CampaignTestBed.StartAsync(At(3, 19, 9));
        await bed.SavePlacesAsync(RegisterTestBed.Generate(RegisterTestBed.SmallSpec with { CountyCode = County, CountyName = "洮南市", Townships = ["瓦房镇", "洮府街道"] }));
        var ledger = bed.LedgerOf(County, Year);

        // An invalid plan is refused with all its problems; nothing starts. The template starts once.
        var broken = PlanTemplates.For(County, Year) with { Title = "" };
        broken = broken with { Phases = [broken.Phases[0] with { Gates = [new PhaseGate(GateKind.FindingsEntered, GateMoment.Close)] }, .. broken.Phases.Skip(1)] };
        var refused = await bed.Officer.PostAsJsonAsync($"/api/counties/{County}/campaigns", new { plan = broken }, ExitTestBed.Json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("须指明问题来源", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await bed.StartCampaignAsync(County, Year)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bed.StartCampaignAsync(County, Year)).StatusCode);
        await bed.WaitForPhaseAsync(County, Year, "HundredDayCampaign", PhaseState.AwaitingStart);

        // 百日会战 opens on 20 March; the 18 known problems are entered and closed through links by 30 April.
        await bed.MoveToAsync(At(3, 20));
        Assert.Equal(30, (await bed.WaitForPhaseAsync(County, Year, "HundredDayCampaign", PhaseState.Open)).Tasks.Count);
        var known = new List<RectificationItem>();
        foreach (var (area, source, unit) in KnownAreas)
        {
            for (var n = 1; n <= 3; n++)
            {
                known.Add(await ledger.EnterAsync(new FindingForm(source, area, $"{area}问题{n}：对照{source}反馈逐项整改", n == 1 ? "瓦房镇" : null, unit, "2018-04-30")));
            }
        }

        Assert.Equal(18, known.Select(i => i.ItemId).Distinct().Count());
        Assert.Equal(18, (await bed.StatusAsync(County, Year)).OpenRectifications.Count);
        await bed.MoveToAsync(At(4, 20, 10));
        var closedKnown = await Task.WhenAll(known.Select(ledger.CloseThroughLinksAsync));
        Assert.Empty((await bed.StatusAsync(County, Year)).OpenRectifications);

        // Not a county role: refused. A double click: one advance.
        await bed.MoveToAsync(At(4, 25, 10));
        Assert.Equal(HttpStatusCode.Forbidden, (await bed.AdvanceAsync(bed.Analyst, County, Year, "HundredDayCampaign")).StatusCode);
        var clicks = await Task.WhenAll(bed.AdvanceAsync(bed.Officer, County, Year, "HundredDayCampaign"), bed.AdvanceAsync(bed.Officer, County, Year, "HundredDayCampaign"));
        Assert.All(clicks, c => Assert.True(c.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, c.StatusCode.ToString()));
        await bed.WaitForPhaseAsync(County, Year, "Assessment", PhaseState.AwaitingStart);
        Assert.Equal(HttpStatusCode.Conflict, (await bed.AdvanceAsync(bed.Officer, County, Year, "HundredDayCampaign")).StatusCode);

        // 考核评估 opens on 1 July and cannot close before the third-party findings are in; they come as a file with a broken row.
        await bed.MoveToAsync(At(7, 1));
        await bed.WaitForPhaseAsync(County, Year, "Assessment", PhaseState.Open);
        await bed.MoveToAsync(At(7, 20, 10));
        var noFindings = await bed.AdvanceAsync(bed.Officer, County, Year, "Assessment");
        Assert.Equal(HttpStatusCode.Conflict, noFindings.StatusCode);
        Assert.Contains("尚未录入第三方评估反馈问题", await noFindings.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var import = await ledger.ImportAsync("第三方评估反馈问题.csv", FindingFiles.Csv(
        [
            FindingFiles.Header,
            ["第三方评估", "精准识别", "瓦房镇1户漏评", "瓦房镇", "瓦房镇人民政府", "2018-09-30"],
            ["第三方评估", "产业发展", "产业项目收益未分配到户", "", "市农业农村局", "2018-08-31"],
            ["第三方评估", "档案管理", "贫困户档案信息不一致", "洮府街道", "洮府街道办事处", "2018年13月1日"],
            ["第三方评估", "饮水安全", "2个村饮水水质检测报告缺失", "", "市水利局", "2018-10-15"],
        ], byteOrderMark: true));
        Assert.Equal((3, 3), (import.Kept, import.Added));
        var bad = Assert.Single(import.Errors);
        Assert.Equal((4, FindingColumns.Deadline), (bad.Line, bad.Column));
        var items = await Task.WhenAll(import.ItemIds.Select(ledger.DetailAsync));
        var (found, unpaid, water) = (Pick(items, "瓦房镇1户漏评"), Pick(items, "产业项目收益"), Pick(items, "饮水水质"));
        Assert.Equal(HttpStatusCode.Accepted, (await bed.AdvanceAsync(bed.Officer, County, Year, "Assessment")).StatusCode);
        await bed.WaitForPhaseAsync(County, Year, "HundredDayRectification", PhaseState.AwaitingStart);

        // 百日整改 opens on 1 August. 漏评 is closed through links; 收益分配 misses 31 August: 督办单, then 约谈.
        await bed.MoveToAsync(At(8, 1));
        await bed.WaitForPhaseAsync(County, Year, "HundredDayRectification", PhaseState.Open);
        await bed.MoveToAsync(At(8, 20, 15));
        await ledger.CloseThroughLinksAsync(found);
        await bed.MoveToAsync(At(9, 1));
        var supervised = await ledger.WaitForAsync(unpaid.ItemId, d => d.Timeline.Any(t => t.Kind == LedgerTimelineKinds.Supervised), "督办单");
        Assert.True(supervised.Item.Deadline > new DateOnly(2018, 9, 1), $"The 督办单 sets a new deadline, not {supervised.Item.Deadline}.");
        var summonAt = SupervisionPolicy.OverdueAt(supervised.Item.Deadline) + TimeSpan.FromSeconds(1);
        await bed.MoveToAsync(summonAt);
        await ledger.WaitForAsync(unpaid.ItemId, d => d.Timeline.Any(t => t.Kind == LedgerTimelineKinds.Summoned), "约谈");
        await bed.MoveToAsync(At(9, 20, 10));

        // A command whose request found the gate open (its check is stale by now) reaches the orchestration: refused there.
        await bed.Services.GetRequiredService<DurableTaskClient>().RaiseEventAsync(CampaignKeys.InstanceId(County, Year), CampaignEvents.Advance,
            new AdvanceCommand("HundredDayRectification", "县扶贫办 王干事", "CountyOfficer", bed.Clock.GetUtcNow(), null, []),
            CancellationToken.None);
        var stale = await bed.WaitForHistoryAsync(County, Year, CampaignTimelineKinds.AdvanceRefused, "refused-HundredDayRectification-0");
        Assert.Equal(("HundredDayRectification", PhaseState.Open), (stale.Current!.Key, stale.Current.State));
        var refusal = stale.History.Single(h => h.Kind == CampaignTimelineKinds.AdvanceRefused).Text;
        Assert.Contains(unpaid.ItemId, refusal, StringComparison.Ordinal);
        Assert.Contains(water.ItemId, refusal, StringComparison.Ordinal);

        // The request's own check: blocked with both named; an officer may not override; an admin needs a reason.
        var blocked = await bed.AdvanceAsync(bed.Officer, County, Year, "HundredDayRectification");
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        var outcome = (await blocked.Content.ReadFromJsonAsync<CommandOutcome>(ExitTestBed.Json))!;
        Assert.Equal(2, outcome.Blockers.Count);
        Assert.Contains(outcome.Blockers, b => b.Contains(unpaid.ItemId, StringComparison.Ordinal) && b.Contains("未销号", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await bed.AdvanceAsync(bed.Officer, County, Year, "HundredDayRectification", true, "县里决定先迎检")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await bed.AdvanceAsync(bed.Admin, County, Year, "HundredDayRectification", true, "  ")).StatusCode);

        // 饮水 is closed in October, before its deadline; 收益分配 is still open on the last day, and the head overrides with a reason.
        await bed.MoveToAsync(At(10, 10, 10));
        await ledger.CloseThroughLinksAsync(water);
        await bed.MoveToAsync(At(10, 31, 10));
        await bed.WaitForHistoryAsync(County, Year, CampaignTimelineKinds.PhaseEnding, "ending-HundredDayRectification");
        var one = (await (await bed.AdvanceAsync(bed.Officer, County, Year, "HundredDayRectification")).Content.ReadFromJsonAsync<CommandOutcome>(ExitTestBed.Json))!;
        Assert.Contains(unpaid.ItemId, Assert.Single(one.Blockers), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted,
            (await bed.AdvanceAsync(bed.Admin, County, Year, "HundredDayRectification", true, "收益分配已约谈责任单位，整改方案已公示，验收前完成分配")).StatusCode);
        await bed.WaitForPhaseAsync(County, Year, "AcceptanceInspection", PhaseState.AwaitingStart);
        var audit = await bed.Services.GetRequiredService<AuditLog>().ReadAsync(CampaignKeys.InstanceId(County, Year), CancellationToken.None);
        var entry = Assert.Single(audit, a => a.Action == "override");
        Assert.Equal(("县扶贫办 李主任", "CountyAdmin", "HundredDayRectification"), (entry.Actor, entry.Role, entry.Step));
        Assert.Contains(unpaid.ItemId, entry.Comment, StringComparison.Ordinal);
        Assert.DoesNotContain(water.ItemId, entry.Comment, StringComparison.Ordinal);
        Assert.Equal(2, audit.Count(a => a.Action == "advance"));

        // 迎检验收 opens on 1 November; the year ends when the office closes it.
        await bed.MoveToAsync(At(11, 1));
        await bed.WaitForPhaseAsync(County, Year, "AcceptanceInspection", PhaseState.Open);
        await bed.MoveToAsync(At(12, 28, 10));
        Assert.Equal(HttpStatusCode.Accepted, (await bed.AdvanceAsync(bed.Officer, County, Year, "AcceptanceInspection")).StatusCode);
        var end = await bed.WaitForAsync(County, Year, s => s.Completed, "completed");
        Assert.Equal(unpaid.ItemId, Assert.Single(end.OpenRectifications).ItemId);

        // The timeline of the year, campaign and ledger together, in the order it happened.
        string[] transitions = [CampaignTimelineKinds.PhaseStarted, CampaignTimelineKinds.PhaseEnding, CampaignTimelineKinds.Advanced,
            CampaignTimelineKinds.AdvanceRefused, CampaignTimelineKinds.Overridden, CampaignTimelineKinds.Completed];
        var events = end.History.Where(h => transitions.Contains(h.Kind)).Select(h => (h.At, h.Order, What: $"{h.Kind} {h.Phase}")).ToList();
        events.Add((closedKnown.Max(d => Closed(d).At), 0, "18 known problems closed"));
        var unpaidDetail = await ledger.DetailAsync(unpaid.ItemId);
        events.Add((Closed(await ledger.DetailAsync(found.ItemId)).At, 0, "closed 漏评"));
        events.Add((unpaidDetail.Timeline.Single(t => t.Kind == LedgerTimelineKinds.Supervised).At, 0, "督办单 收益分配"));
        events.Add((unpaidDetail.Timeline.Single(t => t.Kind == LedgerTimelineKinds.Summoned).At, 0, "约谈 收益分配"));
        events.Add((Closed(await ledger.DetailAsync(water.ItemId)).At, 0, "closed 饮水"));
        Assert.Equal(
        [
            (At(3, 20, 0, 0, 0), "phase-started HundredDayCampaign"),
            (At(4, 20, 10), "18 known problems closed"),
            (At(4, 25, 10), "advanced HundredDayCampaign"),
            (At(7, 1, 0, 0, 0), "phase-started Assessment"),
            (At(7, 20, 10), "advanced Assessment"),
            (At(8, 1, 0, 0, 0), "phase-started HundredDayRectification"),
            (At(8, 20, 15), "closed 漏评"),
            (At(9, 1), "督办单 收益分配"),
            (summonAt, "约谈 收益分配"),
            (At(9, 20, 10), "advance-refused HundredDayRectification"),
            (At(10, 10, 10), "closed 饮水"),
            (At(10, 31, 9, 0, 0), "phase-ending HundredDayRectification"),
            (At(10, 31, 10), "gate-overridden HundredDayRectification"),
            (At(10, 31, 10), "advanced HundredDayRectification"),
            (At(11, 1, 0, 0, 0), "phase-started AcceptanceInspection"),
            (At(12, 28, 10), "campaign-completed AcceptanceInspection"),
        ], events.OrderBy(e => e.At).ThenBy(e => e.Order).Select(e => (e.At, e.What)).ToList());
    }

    private static RectificationItem Pick(IEnumerable<RectificationDetail> items, string description) =>
        items.Single(d => d.Item.Finding.Description.Contains(description, StringComparison.Ordinal)).Item;

    private static Workflow.App.Exits.TimelineEntry Closed(RectificationDetail detail) => detail.Timeline.Single(t => t.Kind == LedgerTimelineKinds.Closed);
}
