using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflow.Domain.Plans;
using Workflow.Domain.Rectification;
using Workflow.Functions.Audit;
using Workflow.Functions.Campaigns;
using Workflow.Functions.Tests.Exits;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Workflow.Functions.Tests.Campaigns;

/// <summary>
/// 洮南 2018 (seed 002): 百日会战 → 考核评估 → 百日整改 → 迎检验收. The gates block closing 考核评估 until the
/// third-party findings are in, and entering 迎检验收 until every item is closed or a CountyAdmin overrides with a
/// reason; the refusals of bad advances and a bad plan.
/// </summary>
public sealed class TaonanGateTests
{
    private const string County = "220881";
    private const int Year = 2018;
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static DateTimeOffset At(int month, int day, int hour = 0) => new(Year, month, day, hour, 0, 1, Beijing);

    [Fact]
    public async Task Gates_block_until_findings_are_entered_and_items_closed_or_overridden_with_a_reason_and_bad_advances_are_refused()
    {
        await using var bed = await CampaignTestBed.StartAsync(At(3, 19, 9));

        // An invalid plan is refused with all its problems; nothing starts.
        var broken = PlanTemplates.For(County, Year) with { Title = "" };
        broken = broken with { Phases = [broken.Phases[0] with { Gates = [new PhaseGate(GateKind.FindingsEntered, GateMoment.Close)] }, .. broken.Phases.Skip(1)] };
        var refused = await bed.Officer.PostAsJsonAsync($"/api/counties/{County}/campaigns", new { plan = broken }, ExitTestBed.Json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problems = await refused.Content.ReadAsStringAsync();
        Assert.Contains("计划名称不能为空", problems, StringComparison.Ordinal);
        Assert.Contains("须指明问题来源", problems, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await bed.Officer.GetAsync($"/api/counties/{County}/campaigns/{Year}")).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await bed.StartCampaignAsync(County, Year)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bed.StartCampaignAsync(County, Year)).StatusCode);
        await bed.MoveToAsync(At(3, 20));
        var hundred = await bed.WaitForPhaseAsync(County, Year, "HundredDayCampaign", PhaseState.Open);
        Assert.Equal(30, hundred.Tasks.Count);

        // Not a county role: refused. A double click: one advance.
        Assert.Equal(HttpStatusCode.Forbidden, (await bed.AdvanceAsync(bed.Analyst, County, Year, "HundredDayCampaign")).StatusCode);
        var clicks = await Task.WhenAll(bed.AdvanceAsync(bed.Officer, County, Year, "HundredDayCampaign"), bed.AdvanceAsync(bed.Officer, County, Year, "HundredDayCampaign"));
        Assert.All(clicks, c => Assert.True(c.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, c.StatusCode.ToString()));
        await bed.WaitForPhaseAsync(County, Year, "Assessment", PhaseState.AwaitingStart);
        Assert.Equal(HttpStatusCode.Conflict, (await bed.AdvanceAsync(bed.Officer, County, Year, "HundredDayCampaign")).StatusCode);

        // 考核评估 opens on 1 July; it cannot close before the third-party findings are in.
        await bed.MoveToAsync(At(7, 1));
        await bed.WaitForPhaseAsync(County, Year, "Assessment", PhaseState.Open);
        var noFindings = await bed.AdvanceAsync(bed.Officer, County, Year, "Assessment");
        Assert.Equal(HttpStatusCode.Conflict, noFindings.StatusCode);
        Assert.Contains("尚未录入第三方评估反馈问题", await noFindings.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        bed.Ledger.AddFinding("ZG-001", FindingSource.ThirdPartyEvaluation, "部分贫困户档案信息不一致", "扶贫办", new DateOnly(2018, 10, 31));
        bed.Ledger.AddFinding("ZG-002", FindingSource.ThirdPartyEvaluation, "村级项目收益分配不规范", "农经总站", new DateOnly(2018, 10, 31));
        Assert.Equal(HttpStatusCode.Accepted, (await bed.AdvanceAsync(bed.Officer, County, Year, "Assessment")).StatusCode);
        await bed.MoveToAsync(At(8, 1));
        await bed.WaitForPhaseAsync(County, Year, "HundredDayRectification", PhaseState.Open);

        // 迎检验收 needs every item closed: blocked with both named; an officer may not override; an admin needs a reason.
        var blocked = await bed.AdvanceAsync(bed.Officer, County, Year, "HundredDayRectification");
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        var outcome = (await blocked.Content.ReadFromJsonAsync<CommandOutcome>(ExitTestBed.Json))!;
        Assert.Equal(2, outcome.Blockers.Count);
        Assert.Contains(outcome.Blockers, b => b.Contains("ZG-001", StringComparison.Ordinal) && b.Contains("未销号", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, (await bed.AdvanceAsync(bed.Officer, County, Year, "HundredDayRectification", true, "县里决定先迎检")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await bed.AdvanceAsync(bed.Admin, County, Year, "HundredDayRectification", true, "  ")).StatusCode);
        bed.Ledger.Close("ZG-001");
        var oneLeft = (await (await bed.AdvanceAsync(bed.Officer, County, Year, "HundredDayRectification")).Content.ReadFromJsonAsync<CommandOutcome>(ExitTestBed.Json))!;
        Assert.Single(oneLeft.Blockers);
        Assert.Equal("HundredDayRectification", (await bed.StatusAsync(County, Year)).Current!.Key);

        await bed.MoveToAsync(At(10, 31, 10));
        Assert.Equal(HttpStatusCode.Accepted,
            (await bed.AdvanceAsync(bed.Admin, County, Year, "HundredDayRectification", true, "收益分配整改已过公示期，待省里验收时一并销号")).StatusCode);
        await bed.WaitForPhaseAsync(County, Year, "AcceptanceInspection", PhaseState.AwaitingStart);
        var status = await bed.WaitForHistoryAsync(County, Year, CampaignTimelineKinds.Advanced, "advance-HundredDayRectification");
        var overridden = status.History.Single(h => h.Kind == CampaignTimelineKinds.Overridden);
        Assert.Contains("待省里验收时一并销号", overridden.Text, StringComparison.Ordinal);
        Assert.Single(status.History, h => h.Key == "advance-HundredDayCampaign");
        var audit = await bed.Services.GetRequiredService<AuditLog>().ReadAsync(CampaignKeys.InstanceId(County, Year), CancellationToken.None);
        var entry = Assert.Single(audit, a => a.Action == "override");
        Assert.Equal(("县扶贫办 李主任", "CountyAdmin", "HundredDayRectification"), (entry.Actor, entry.Role, entry.Step));
        Assert.Contains("ZG-002", entry.Comment, StringComparison.Ordinal);
        Assert.Equal(2, audit.Count(a => a.Action == "advance"));
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(await bed.Officer.GetStringAsync($"/api/counties/{County}/campaigns/{Year}")).RootElement.ValueKind);
    }
}
