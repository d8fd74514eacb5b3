using System.Net;
using Workflow.Domain.Exits;
using Workflow.App.Exits;
using Workflow.App.Links;
using Workflow.App.Pages;
using Xunit;

namespace Workflow.App.Tests.Exits;

/// <summary>
/// 公示 and its objections as the township reviewer and the public meet them: the review page shows what is being
/// reviewed, every objection of the round with the objector's contact (never shown on the public pages); objections
/// filed while a review is open join it; a reviewer who decides without having seen an objection is refused; the
/// confirmation says what was concluded; and a notice that has ended says so.
/// </summary>
public sealed class ObjectionReviewTests
{
    private const string FirstContact = "村民甲 13800000001";
    private const string FirstReason = "该户家中有小轿车，收入未如实申报";
    private const string SecondContact = "村民乙 13900000002";
    private const string SecondReason = "该户儿子在县城有商品房";

    [Fact]
    public async Task Objections_filed_during_a_review_join_it_and_the_reviewer_sees_each_with_its_contact_and_decides_them_in_one_round()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await bed.DriveToNoticeAsync(12);
        var (notice, objections) = await bed.NoticeLinksAsync(c);
        bed.Advance(TimeSpan.FromDays(2));
        Assert.Equal(HttpStatusCode.OK, (await bed.FileObjectionAsync(objections, FirstContact, FirstReason)).StatusCode);
        var review = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.ObjectionReviewKey(1), ExitTestBed.Recipient("TownshipApprover", c));
        var seenFirst = await bed.ListedObjectionsAsync(review);

        // A second villager objects while the township reviews the first objection.
        bed.Advance(TimeSpan.FromHours(3));
        Assert.Equal(HttpStatusCode.OK, (await bed.FileObjectionAsync(objections, SecondContact, SecondReason)).StatusCode);
        await bed.WaitForAsync(c.CaseId, d => d.Objections.Count == 2, "the second objection kept");

        // The reviewer dismisses on the page opened before the second objection came: refused, and shown it.
        bed.Advance(TimeSpan.FromHours(1));
        var stale = await bed.DecideAsync(review, approve: true, comment: "异议不成立", objections: seenFirst);
        var stalePage = await stale.Content.ReadAsStringAsync();

        Assert.Single(seenFirst);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains(SecondReason, stalePage, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", stalePage, StringComparison.Ordinal);
        Assert.DoesNotContain((await bed.DetailAsync(c.CaseId)).Audit, a => ExitProcedure.IsObjectionReview(a.Step));

        var page = await bed.Anonymous.GetStringAsync(review);
        var form = page.IndexOf("<form", StringComparison.Ordinal);
        foreach (var shown in new[] { FirstContact, FirstReason, SecondContact, SecondReason })
        {
            var at = page.IndexOf(shown, StringComparison.Ordinal);
            Assert.True(at >= 0 && at < form, $"The review page does not show “{shown}” above its form.");
        }

        Assert.Equal(2, (await bed.ListedObjectionsAsync(review)).Count);
        // The public pages never show who objected.
        var noticePage = await bed.Anonymous.GetStringAsync(notice);
        foreach (var publicPage in new[] { noticePage, await bed.Anonymous.GetStringAsync(objections) })
        {
            Assert.DoesNotContain("13800000001", publicPage, StringComparison.Ordinal);
            Assert.DoesNotContain("13900000002", publicPage, StringComparison.Ordinal);
        }

        // The notice prints through the app's script, and its QR code (QRCoder's SVG) carries no inline style the policy would block.
        Assert.Contains("<svg", noticePage, StringComparison.Ordinal);
        Assert.Contains("data-print", noticePage, StringComparison.Ordinal);
        foreach (var inline in new[] { "style=", "<style", "<script>", "onclick=" })
        {
            Assert.DoesNotContain(inline, noticePage, StringComparison.OrdinalIgnoreCase);
        }

        var dismissed = await bed.DecideAsync(review, approve: true, comment: "经核实，小轿车为亲属所有；商品房为儿子分户后购买");
        var confirmation = await dismissed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        Assert.Contains("复核结论已提交：异议不成立，公示继续", confirmation, StringComparison.Ordinal);
        Assert.DoesNotContain("同意", confirmation, StringComparison.Ordinal);

        // One round decided both: the notice resumes and stays, with no second review.
        await bed.WaitForAsync(c.CaseId, d => d.Timeline.Any(t => t.Text.StartsWith("异议已处理，公示继续", StringComparison.Ordinal)), "notice resumed");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var after = await bed.DetailAsync(c.CaseId);
        Assert.Equal(ExitProcedure.Notice, after.Case.CurrentStep);
        Assert.Equal([ExitProcedure.ObjectionReviewKey(1), ExitProcedure.ObjectionReviewKey(1)],
            after.Timeline.Where(t => t.Kind == TimelineKinds.ObjectionFiled).OrderBy(t => t.Sequence).Select(t => t.Step));
        Assert.DoesNotContain(after.Timeline, t => t.Step == ExitProcedure.ObjectionReviewKey(2));
        // The history reads in time order.
        var times = after.Timeline.OrderBy(t => t.Sequence).Select(t => t.At).ToList();
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task An_upheld_objection_is_confirmed_as_upheld_not_as_a_bare_verdict()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await bed.DriveToNoticeAsync(13);
        var (_, objections) = await bed.NoticeLinksAsync(c);
        Assert.Equal(HttpStatusCode.OK, (await bed.FileObjectionAsync(objections, FirstContact, FirstReason)).StatusCode);
        var review = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.ObjectionReviewKey(1), ExitTestBed.Recipient("TownshipApprover", c));

        var upheld = await bed.DecideAsync(review, approve: false, comment: "经核实异议属实");
        var confirmation = await upheld.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, upheld.StatusCode);
        Assert.Contains("复核结论已提交：异议成立，退出不通过", confirmation, StringComparison.Ordinal);
        Assert.Contains("data-decision=\"reject\"", confirmation, StringComparison.Ordinal);
        Assert.DoesNotContain("不同意", confirmation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_notice_ends_its_notice_and_objection_links_say_it_ended_and_take_nothing()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await bed.DriveToNoticeAsync(14);
        var (notice, objections) = await bed.NoticeLinksAsync(c);
        var endsAt = (await bed.DetailAsync(c.CaseId)).Case.NoticeEndsAt!.Value;
        bed.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await bed.WaitForStepAsync(c.CaseId, ExitProcedure.TownshipReview);

        var responses = new[]
        {
            await bed.Anonymous.GetAsync(notice),
            await bed.Anonymous.GetAsync(objections),
            await bed.FileObjectionAsync(objections, FirstContact, FirstReason),
        };

        foreach (var response in responses)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains("公示已结束", body, StringComparison.Ordinal);
            Assert.Contains(Shown.Time(endsAt), body, StringComparison.Ordinal);
            Assert.DoesNotContain(LinkRefusal.NotTheCurrentStep.Describe(), body, StringComparison.Ordinal);
        }

        var detail = await bed.DetailAsync(c.CaseId);
        Assert.Empty(detail.Objections);
        Assert.Equal(ExitProcedure.TownshipReview, detail.Case.CurrentStep);
    }
}
