using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Entries;
using Workflow.App.Entries.Web;
using Workflow.App.Exits;
using Workflow.App.Register;
using Workflow.App.Tests.Exits;
using Workflow.Domain.Entries;
using Workflow.Domain.Exits;
using Workflow.Domain.Register;
using Xunit;

namespace Workflow.App.Tests.Entries;

/// <summary>
/// 返贫 end to end on Azurite and the durable engine, every step through its link: 民主评议, 核实, 村内公示 with an objection
/// filed on the notice's form and dismissed in review, 乡镇审核, 县审定, 挂号 — and the register has the household 未脱贫
/// again with its entry record. Seed 000: "实施动态管理，脱贫销号，返贫挂号，做到退出有标准、纳入有程序".
/// </summary>
public sealed class RelapseEndToEndTests
{
    [Fact]
    public async Task A_relapse_goes_through_the_notice_with_a_dismissed_objection_and_registers_the_household_not_exited_again()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var exited = await EntryTestSteps.ExitedHouseholdAsync(bed);
        var number = exited.Household.Number;

        var c = await EntryTestSteps.StartedAsync(await EntryTestSteps.PostEntryAsync(bed,
            new EntryStartRequest(null, new RelapseRequest(number, "户主突发重病，医疗支出大，人均纯收入降至标准线以下", "碧城镇", "乡镇提名"))));
        Assert.Equal(CaseKind.Relapse, c.Kind);
        Assert.EndsWith("-R1", c.CaseId, StringComparison.Ordinal);
        Assert.Equal(EntryProcedureCatalog.National.Id, c.ProcedureId);

        // A second entry for the same household while this one runs is refused, naming the open case.
        var again = await EntryTestSteps.RefusalAsync(await EntryTestSteps.PostEntryAsync(bed,
            new EntryStartRequest(null, new RelapseRequest(number, "重复提名", "碧城镇", "乡镇提名"))), HttpStatusCode.Conflict);
        Assert.Equal($"该户已有办理中的纳入案件 {c.CaseId}。", again);

        await EntryTestSteps.DriveToNoticeAsync(bed, c);
        var (notice, objections) = await bed.NoticeLinksAsync(c);
        var noticePage = await bed.Anonymous.GetStringAsync(notice);
        Assert.Contains("贫困户拟纳入公示", noticePage, StringComparison.Ordinal);
        Assert.Contains("拟纳入", await bed.Anonymous.GetStringAsync(objections), StringComparison.Ordinal);

        bed.Advance(TimeSpan.FromDays(2));
        Assert.Equal(HttpStatusCode.OK, (await bed.FileObjectionAsync(objections, "村民甲 13800000001", "该户儿子在外务工，收入不低")).StatusCode);
        var review = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.ObjectionReviewKey(1), ExitTestBed.Recipient("TownshipApprover", c));
        bed.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.OK, (await bed.DecideAsync(review, approve: true, comment: "经核实儿子务工收入已计入，异议不成立")).StatusCode);
        await bed.WaitForAsync(c.CaseId, d => d.Case.CurrentStep == ExitProcedure.Notice && d.Case.NoticeEndsAt is not null, "notice resumed");
        bed.Advance(TimeSpan.FromDays(6));

        var done = await EntryTestSteps.ApproveAfterNoticeAsync(bed, c);

        Assert.Contains(done.Timeline, t => t.Kind == TimelineKinds.ObjectionFiled);
        Assert.Contains("审定纳入，已挂号", done.Case.Outcome, StringComparison.Ordinal);
        var registered = await bed.Services.GetRequiredService<RegisterStore>().FindHouseholdAsync(bed.CountyCode, number, CancellationToken.None);
        Assert.Equal(PovertyStatus.NotExited, registered!.Household.Status);
        Assert.Null(registered.Household.ExitYear);
        Assert.Equal(c.CaseId, registered.Entry!.CaseId);
        Assert.Equal(EntryKind.Relapse, registered.Entry.Kind);
        Assert.True(registered.Entry.EntryDate > new DateOnly(2026, 3, 9));
        Assert.Contains("户主突发重病", registered.Entry.Reason, StringComparison.Ordinal);

        // The export shows the entry after the exit columns: 纳入类型, 纳入案件, 挂号日期.
        var places = await bed.Services.GetRequiredService<CountyDirectory>().FindPlacesAsync(bed.CountyCode, CancellationToken.None);
        using var export = new MemoryStream();
        await bed.Services.GetRequiredService<RegisterExporter>().WriteCsvAsync(places!, registered.TownshipCode, revealIdNumbers: false, export, CancellationToken.None);
        Assert.Contains($",返贫,{c.CaseId},{registered.Entry.EntryDate:yyyy-MM-dd}\r\n", System.Text.Encoding.UTF8.GetString(export.ToArray()), StringComparison.Ordinal);

        // Now 未脱贫, it cannot relapse again.
        var notExited = await EntryTestSteps.RefusalAsync(await EntryTestSteps.PostEntryAsync(bed,
            new EntryStartRequest(null, new RelapseRequest(number, "再次提名", "碧城镇", "乡镇提名"))), HttpStatusCode.Conflict);
        Assert.Equal("该户未脱贫，无需返贫纳入。", notExited);
    }
}
