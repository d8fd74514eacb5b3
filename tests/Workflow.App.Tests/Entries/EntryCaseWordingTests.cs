using System.Net;
using System.Net.Http.Json;
using Workflow.App.Entries;
using Workflow.App.Entries.Web;
using Workflow.App.Exits;
using Workflow.App.Exits.Web;
using Workflow.App.Tests.Exits;
using Workflow.Domain.Entries;
using Workflow.Domain.Exits;
using Xunit;

namespace Workflow.App.Tests.Entries;

/// <summary>
/// An entry case (新识别, 返贫) runs on the exit machinery but must not be worded as an exit: an upheld objection is
/// "不予纳入", and an exit started for a household with an open 返贫 names that case as an entry case. The office's head
/// opens and closes the year's 动态调整 from the entry page; an officer sees no buttons and may not post them.
/// </summary>
public sealed class EntryCaseWordingTests
{
    [Fact]
    public void An_upheld_objection_on_an_entry_reads_not_entered_and_on_an_exit_exit_refused()
    {
        var review = ExitProcedure.ObjectionReviewKey(1);

        Assert.Equal("异议成立，不予纳入", DecisionVerdicts.Of(review, CaseKind.Relapse).No);
        Assert.Equal("异议成立，不予纳入", DecisionVerdicts.Of(review, CaseKind.NewEntry).No);
        Assert.Equal("异议成立，退出不通过", DecisionVerdicts.Of(review, CaseKind.Exit).No);
        Assert.Equal("复核结论已提交：异议成立，不予纳入。", DecisionVerdicts.Confirmation(review, approved: false, CaseKind.NewEntry));
        Assert.Equal("复核结论已提交：异议成立，退出不通过。", DecisionVerdicts.Confirmation(review, approved: false, CaseKind.Exit));
        Assert.Equal(("同意", "不同意"), DecisionVerdicts.Of(ExitProcedure.Appraisal, CaseKind.Relapse));
    }

    [Fact]
    public async Task A_relapse_review_offers_and_confirms_not_entered_and_an_exit_start_names_the_open_relapse()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var number = (await EntryTestSteps.ExitedHouseholdAsync(bed)).Household.Number;
        var c = await EntryTestSteps.StartedAsync(await EntryTestSteps.PostEntryAsync(bed,
            new EntryStartRequest(null, new RelapseRequest(number, "户主突发重病，医疗支出大", "碧城镇", "乡镇提名"))));

        // The exit starter names the open case for what it is.
        using var exit = await bed.County.PostAsJsonAsync($"/api/counties/{bed.CountyCode}/exits", new StartExitRequest(number, ExitTestBed.Passing), ExitTestBed.Json);
        Assert.Equal(HttpStatusCode.Conflict, exit.StatusCode);
        Assert.Equal($"该户已有办理中的返贫纳入案件 {c.CaseId}。", (await exit.Content.ReadFromJsonAsync<StartOutcome>(ExitTestBed.Json))!.Message);

        await EntryTestSteps.DriveToNoticeAsync(bed, c);
        var (_, objections) = await bed.NoticeLinksAsync(c);
        Assert.Equal(HttpStatusCode.OK, (await bed.FileObjectionAsync(objections, "村民甲 13800000001", "该户儿子在外务工，收入不低")).StatusCode);
        var review = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.ObjectionReviewKey(1), ExitTestBed.Recipient("TownshipApprover", c));

        var form = await bed.Anonymous.GetStringAsync(review);
        Assert.Contains("异议成立，不予纳入", form, StringComparison.Ordinal);
        Assert.DoesNotContain("退出不通过", form, StringComparison.Ordinal);

        var upheld = await bed.DecideAsync(review, approve: false, comment: "经核实异议属实");
        var confirmation = await upheld.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, upheld.StatusCode);
        Assert.Contains("复核结论已提交：异议成立，不予纳入", confirmation, StringComparison.Ordinal);
        Assert.Contains("本户此次不予纳入", confirmation, StringComparison.Ordinal);
        Assert.DoesNotContain("退出不通过", confirmation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_head_of_the_office_opens_and_closes_the_window_from_the_entry_page_and_an_officer_may_not()
    {
        await using var bed = await ExitTestBed.StartAsync();
        using var head = await RunningApp.SignedInClientAsync(bed.Anonymous.BaseAddress!, "县扶贫办 李主任|CountyAdmin");
        var entries = $"/exits/entries?county={bed.CountyCode}";

        // An officer sees no button and is refused the form; the window stays closed.
        Assert.DoesNotContain("action=\"/exits/entries/window\"", await bed.County.GetStringAsync(entries), StringComparison.Ordinal);
        using var byOfficer = await bed.County.PostAsync("/exits/entries/window", Window(bed.CountyCode, "open"));
        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.StatusCode);
        Assert.Contains("动态调整未开放", await bed.County.GetStringAsync(entries), StringComparison.Ordinal);

        var page = await head.GetStringAsync(entries);
        Assert.Contains("action=\"/exits/entries/window\"", page, StringComparison.Ordinal);
        Assert.Contains("data-confirm=\"确认开放本县", page, StringComparison.Ordinal);
        Assert.Contains(">开放动态调整</button>", page, StringComparison.Ordinal);

        // Closing a window never opened is refused in words, nothing changed.
        using var early = await head.PostAsync("/exits/entries/window", Window(bed.CountyCode, "close"));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("本年度动态调整尚未开放，无需关闭。", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var opened = await head.PostAsync("/exits/entries/window", Window(bed.CountyCode, "open"));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal(entries, opened.Headers.Location!.OriginalString);
        page = await head.GetStringAsync(entries);
        Assert.Contains("动态调整已开放（县扶贫办 李主任", page, StringComparison.Ordinal);
        Assert.Contains(">关闭动态调整</button>", page, StringComparison.Ordinal);

        using var closed = await head.PostAsync("/exits/entries/window", Window(bed.CountyCode, "close"));
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Contains("动态调整未开放", await head.GetStringAsync(entries), StringComparison.Ordinal);

        using var nonsense = await head.PostAsync("/exits/entries/window", Window(bed.CountyCode, "toggle"));
        Assert.Equal(HttpStatusCode.BadRequest, nonsense.StatusCode);
        Assert.Contains("请选择开放或关闭动态调整。", await nonsense.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Window(string county, string action) => new([new("county", county), new("action", action)]);
}
