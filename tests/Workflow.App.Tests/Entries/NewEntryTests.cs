using System.Net;
using System.Net.Http.Json;
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
/// 新识别 on Azurite and the durable engine: the refusals (a 身份证号 with a wrong check digit, one that belongs to another
/// household, 即时纳入 without its sudden hardship outside the 动态调整 window), the window the county office opens and
/// closes, and a household registered at 挂号 through the register's save, so the member index finds it.
/// </summary>
public sealed class NewEntryTests
{
    private static readonly ResidentIdNumber HeadId = ResidentIdNumber.Create("532331", new DateOnly(1961, 7, 13), 917);
    private static readonly ResidentIdNumber SpouseId = ResidentIdNumber.Create("532331", new DateOnly(1963, 2, 21), 928);

    [Fact]
    public async Task A_new_entry_is_refused_for_bad_input_is_immediate_outside_the_window_and_registers_a_new_household_inside_it()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var place = bed.Households[0];
        var other = bed.Households[1].Household;
        NewEntryRequest Request(string? hardship = null, params NewEntryMember[] members) => new(place.Township, place.Village,
            members.Length > 0 ? members : [new("李新户", HeadId.Reveal(), "户主"), new("王妻", SpouseId.Reveal(), "配偶")],
            "因病", 2100m, "张帮扶", "户主患尿毒症，常年透析，家中无劳动力", hardship);

        // A 身份证号 whose check digit is wrong.
        var wrong = HeadId.Reveal()[..17] + (HeadId.Reveal()[17] == '1' ? '2' : '1');
        var badId = await EntryTestSteps.RefusalAsync(await EntryTestSteps.PostEntryAsync(bed,
            new EntryStartRequest(Request("突发重病", new NewEntryMember("李新户", wrong, "户主")), null)), HttpStatusCode.BadRequest);
        Assert.Contains("身份证号无效", badId, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, badId, StringComparison.Ordinal);

        // A 身份证号 registered in another household: refused, masked, naming that household.
        var taken = other.Members[0].IdNumber;
        var conflict = await EntryTestSteps.RefusalAsync(await EntryTestSteps.PostEntryAsync(bed,
            new EntryStartRequest(Request("突发重病", new NewEntryMember("李新户", HeadId.Reveal(), "户主"), new NewEntryMember("某人", taken.Reveal(), "之子")), null)),
            HttpStatusCode.Conflict);
        Assert.Equal($"身份证号 {taken.Mask()} 已在户编号 {other.Number} 中登记。", conflict);
        Assert.DoesNotContain(taken.Reveal(), conflict, StringComparison.Ordinal);

        // The window is not open: only 即时纳入, with its sudden hardship.
        var noHardship = await EntryTestSteps.RefusalAsync(await EntryTestSteps.PostEntryAsync(bed, new EntryStartRequest(Request(), null)), HttpStatusCode.BadRequest);
        Assert.Contains("即时纳入", noHardship, StringComparison.Ordinal);

        // The county office opens the year's 动态调整 (an officer may not).
        var admin = await RunningApp.SignedInClientAsync(bed.Anonymous.BaseAddress!, "县扶贫办 李主任|CountyAdmin");
        Assert.Equal(HttpStatusCode.Forbidden,
            (await bed.County.PostAsJsonAsync($"/api/counties/{bed.CountyCode}/entry-window", new EntryWindowChange("open"), ExitTestBed.Json)).StatusCode);
        var opened = await admin.PostAsJsonAsync($"/api/counties/{bed.CountyCode}/entry-window", new EntryWindowChange("open"), ExitTestBed.Json);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.True((await opened.Content.ReadFromJsonAsync<EntryWindow>(ExitTestBed.Json))!.IsOpen);

        var c = await EntryTestSteps.StartedAsync(await EntryTestSteps.PostEntryAsync(bed, new EntryStartRequest(Request(), null)));
        Assert.Equal(CaseKind.NewEntry, c.Kind);
        Assert.Equal(EntryMode.AnnualAdjustment, c.Mode);
        Assert.Contains("-E1", c.CaseId, StringComparison.Ordinal);
        Assert.Equal(HeadId.Mask(), c.MaskedHeadId);
        var listed = await bed.County.GetFromJsonAsync<List<ExitCase>>($"/api/counties/{bed.CountyCode}/entries?kind=NewEntry", ExitTestBed.Json);
        Assert.Equal([c.CaseId], listed!.Select(l => l.CaseId));

        await EntryTestSteps.DriveToNoticeAsync(bed, c);
        bed.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var done = await EntryTestSteps.ApproveAfterNoticeAsync(bed, c);

        var register = bed.Services.GetRequiredService<RegisterStore>();
        var household = await register.FindHouseholdAsync(bed.CountyCode, c.HouseholdNumber, CancellationToken.None);
        Assert.Equal(ExitCaseStatus.Approved, done.Case.Status);
        Assert.Equal(PovertyStatus.NotExited, household!.Household.Status);
        Assert.Equal(place.VillageCode, household.VillageCode);
        Assert.Equal(2, household.Household.Members.Count);
        Assert.Equal(EntryKind.NewEntry, household.Entry!.Kind);
        Assert.Equal(c.CaseId, household.Entry.CaseId);
        Assert.Equal(c.HouseholdNumber, (await register.FindByIdNumberAsync(bed.CountyCode, SpouseId, CancellationToken.None))!.Household.Number);

        // Closed, a new entry is 即时纳入 again; with its hardship it starts, and says so.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/counties/{bed.CountyCode}/entry-window", new EntryWindowChange("close"), ExitTestBed.Json)).StatusCode);
        var immediate = await EntryTestSteps.StartedAsync(await EntryTestSteps.PostEntryAsync(bed, new EntryStartRequest(
            Request("房屋遭泥石流损毁", new NewEntryMember("赵灾户", ResidentIdNumber.Create("532331", new DateOnly(1970, 1, 5), 939).Reveal(), "户主")), null)));
        Assert.Equal(EntryMode.Immediate, immediate.Mode);
        Assert.Contains("即时纳入：房屋遭泥石流损毁", immediate.Reason, StringComparison.Ordinal);
    }
}
