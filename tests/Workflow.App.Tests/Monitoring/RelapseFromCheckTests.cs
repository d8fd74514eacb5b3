using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Exits;
using Workflow.App.Monitoring;
using Workflow.App.Notifications;
using Workflow.App.Register;
using Workflow.App.Tests.Entries;
using Workflow.App.Tests.Exits;
using Workflow.Domain.Entries;
using Workflow.Domain.Exits;
using Workflow.Domain.Monitoring;
using Workflow.Domain.Register;
using Xunit;

namespace Workflow.App.Tests.Monitoring;

/// <summary>
/// 返贫 from a monthly check, end to end on Azurite and the durable engine, through the links only: an exited household
/// on the monitoring ledger gets its March check link; the check finds income below the line, so the township is
/// alerted and a 返贫 case opens (source 监测预警); it goes through 民主评议, 核实, 公示 with an objection filed on the
/// form and dismissed in review, 乡镇审核, 县审定, 挂号; and the register has the household 未脱贫 with its entry record.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RelapseFromCheckTests
{
    private static readonly string[] Elderly = ["老人户"];

    [Fact]
    public async Task A_check_below_the_line_opens_a_relapse_case_that_runs_to_registration()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var exited = await EntryTestSteps.ExitedHouseholdAsync(bed);
        var number = exited.Household.Number;
        var api = $"/api/counties/{bed.CountyCode}/monitoring";
        Assert.Equal(HttpStatusCode.OK, (await bed.County.PutAsJsonAsync($"{api}/{number}", new { groups = Elderly })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await bed.County.PostAsJsonAsync($"{api}/rounds", new { month = "2026-03" })).StatusCode);

        // The cadre's check link for the household, from their messages.
        var cadre = MonitoringRecipients.Cadre(exited.TownshipCode, exited.Household.ResponsibleCadre);
        var link = MonitoringTestBed.LinkFor(await WaitForAsync(bed, cadre, m => m.Kind == NotificationKinds.DecisionAwaited && m.Text.Contains(number, StringComparison.Ordinal)), number);
        var filed = await bed.Anonymous.PostAsync(link, MonitoringTestBed.CheckForm(income: "1500", on: "2026-03-02"));
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        Assert.Contains("data-checked=\"alert\"", await filed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The township is alerted, and the alert names the 返贫 case it opened.
        var alert = Assert.Single(await WaitForAsync(bed, MonitoringRecipients.TownshipLeader(exited.TownshipCode),
            m => m.Title.StartsWith("监测预警", StringComparison.Ordinal) && m.Text.Contains(number, StringComparison.Ordinal)));
        var cases = bed.Services.GetRequiredService<ExitCaseStore>();
        var c = Assert.Single(await cases.ListAsync(new ExitCaseQuery(bed.CountyCode, HouseholdNumber: number, Status: ExitCaseStatus.InProgress), bed.Clock.GetUtcNow(),
            CancellationToken.None));
        Assert.Equal(CaseKind.Relapse, c.Kind);
        Assert.Contains($"已提出返贫申报（案件 {c.CaseId}）", alert.Text, StringComparison.Ordinal);
        Assert.Contains("监测预警", c.Reason, StringComparison.Ordinal);
        Assert.Contains("1500", c.Reason, StringComparison.Ordinal);
        var round = await bed.Services.GetRequiredService<MonitoringCheckStore>().FindAsync(bed.CountyCode, new MonitoringMonth(2026, 3), number, CancellationToken.None);
        Assert.Contains(c.CaseId, round!.Proposal, StringComparison.Ordinal);

        // The same check delivered again proposes the same case, and no other.
        var again = await bed.Services.GetRequiredService<IRelapseProposal>().ProposeAsync(
            new RelapseProposal(bed.CountyCode, number, "收入低于标准", "帮扶责任人", "same-check"), CancellationToken.None);
        Assert.Equal(c.CaseId, again);

        // 民主评议, 核实, then 公示 with an objection dismissed in review.
        await EntryTestSteps.DriveToNoticeAsync(bed, c);
        var (_, objections) = await bed.NoticeLinksAsync(c);
        bed.Advance(TimeSpan.FromDays(2));
        Assert.Equal(HttpStatusCode.OK, (await bed.FileObjectionAsync(objections, "村民乙 13800000002", "该户有外出务工收入")).StatusCode);
        var review = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.ObjectionReviewKey(1), ExitTestBed.Recipient("TownshipApprover", c));
        bed.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.OK, (await bed.DecideAsync(review, approve: true, comment: "务工已中断，异议不成立")).StatusCode);
        await bed.WaitForAsync(c.CaseId, d => d.Case.CurrentStep == ExitProcedure.Notice && d.Case.NoticeEndsAt is not null, "notice resumed");
        bed.Advance(TimeSpan.FromDays(6));

        // 乡镇审核, 县审定, 挂号: the register has the household 未脱贫 with its entry record.
        var done = await EntryTestSteps.ApproveAfterNoticeAsync(bed, c);
        Assert.Contains(done.Timeline, t => t.Kind == TimelineKinds.ObjectionFiled);
        var registered = (await bed.Services.GetRequiredService<RegisterStore>().FindHouseholdAsync(bed.CountyCode, number, CancellationToken.None))!;
        Assert.Equal(PovertyStatus.NotExited, registered.Household.Status);
        Assert.Equal(c.CaseId, registered.Entry!.CaseId);
        Assert.Equal(EntryKind.Relapse, registered.Entry.Kind);
        Assert.Contains("监测预警", registered.Entry.Reason, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<NotificationMessage>> WaitForAsync(ExitTestBed bed, string recipient, Func<NotificationMessage, bool> match)
    {
        var inbox = bed.Services.GetRequiredService<InboxChannel>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var found = (await inbox.ReadAsync(recipient, 100, CancellationToken.None)).Where(match).ToList();
            if (found.Count > 0)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{recipient} received no expected message.");
            await Task.Delay(100);
        }
    }
}
