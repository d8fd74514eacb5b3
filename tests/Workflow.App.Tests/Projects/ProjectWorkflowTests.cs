using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Projects;
using Workflow.App.Evidence;
using Workflow.App.Links;
using Workflow.App.Projects;
using Workflow.App.Tests.Funds;
using Xunit;

namespace Workflow.App.Tests.Projects;

/// <summary>
/// A project through its county's procedure on Azurite, the durable engine and real Kestrel, with the working-day
/// calendar the fund test bed injects (5 and 6 March 2026 off). Steps are decided through the links in the holders'
/// inboxes, some through the county API (the same path); a review goes overdue and is escalated (督办); a notice gets an
/// objection through its QR code's form, dismissed on review; acceptance takes its report as evidence; in operation the
/// quarter's link records a yield under 10% and the county office is flagged. Bad input is refused and changes nothing.
/// </summary>
public sealed class ProjectWorkflowTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public async Task A_project_goes_from_proposal_through_reviews_an_objected_notice_and_acceptance_to_a_quarter_flagged_below_the_line()
    {
        await using var bed = await FundTestBed.StartAsync();
        var walk = await ProjectWalk.ProposeAsync(bed);
        var countyOffice = ProjectRecipients.CountyOffice(walk.Project);

        // 村级申报, through the village committee's link; its page shows the project.
        var proposal = await walk.LinkAsync("proposal", "/project/step/", "proposal.0");
        var page = await bed.Anonymous.GetStringAsync(proposal);
        Assert.Contains("光伏扶贫电站", page, StringComparison.Ordinal);
        Assert.Contains("1,000,000.00 元", page, StringComparison.Ordinal);
        Assert.Contains(bed.Township.Villages[0].Name, page, StringComparison.Ordinal);
        await walk.DecideAsync("proposal", "proposal.0", "done");

        // 村评: 5 working days from Monday 2 March in the injected calendar skip the 5th and 6th: due Wednesday 11 March.
        var review = await walk.WaitForStepAsync("village-review.1");
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 0, 0, 0, Beijing), review.Record.Times!.OverdueAt);
        Assert.Contains("通过", await bed.Anonymous.GetStringAsync(await walk.LinkAsync("village-review", "/project/step/", "village-review.1")), StringComparison.Ordinal);

        // Nobody decides: the reminder, then on the 12th the 督办 to the holder and a copy to the county office.
        bed.AdvanceTo(new DateTimeOffset(2026, 3, 12, 0, 0, 30, Beijing));
        await bed.SignInAgainAsync();
        await bed.WaitForInboxAsync(walk.Holder("village-review"), "提醒：村评（村民代表会议评议）即将到期");
        await bed.WaitForInboxAsync(walk.Holder("village-review"), "县扶贫办予以督办");
        await bed.WaitForInboxAsync(countyOffice, "已督办");
        var escalated = await walk.DetailAsync();
        Assert.True(escalated.Record.Times!.Escalated);
        Assert.Contains(escalated.Audit, a => a.Action == "supervise" && a.Step == "village-review");
        await walk.DecideAsync("village-review", "village-review.1", "approve", "同意申报");

        // 村级申报公示: the printable notice with its QR code; the QR opens the same objection form as an exit's.
        await walk.WaitForStepAsync("village-notice.2");
        var noticeLink = await walk.LinkAsync("village-notice", "/project-notice/", "village-notice.2");
        var notice = await bed.Anonymous.GetStringAsync(noticeLink);
        Assert.Contains("<svg", notice, StringComparison.Ordinal);
        Assert.Contains("2026-03-19", notice, StringComparison.Ordinal);
        var objectionUrl = new Uri(WebUtility.HtmlDecode(Regex.Match(notice, "<p class=\"meta\">([^<]+)</p>").Groups[1].Value)).PathAndQuery;
        Assert.StartsWith("/project-objection/", objectionUrl, StringComparison.Ordinal);
        Assert.Contains("公示异议反映", await bed.Anonymous.GetStringAsync(objectionUrl), StringComparison.Ordinal);

        var blank = await bed.Anonymous.PostAsync(objectionUrl, new FormUrlEncodedContent(new Dictionary<string, string> { ["contact"] = "13800000000", ["reason"] = "   " }));
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("请填写异议内容", await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var objections = bed.Services.GetRequiredService<ProjectObjections>();
        Assert.Empty(await objections.ListAsync(walk.Id, CancellationToken.None));

        var filed = await bed.Anonymous.PostAsync(objectionUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["contact"] = "13800000000",
            ["reason"] = "光伏板选址占用耕地<script>",
        }));
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        Assert.Contains("data-objection=\"filed\"", await filed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The notice pauses; the village committee reviews the objection through its link and finds it unfounded.
        var reviewLink = await walk.LinkAsync("village-notice", "/project/review/", "village-notice.2.objection-1");
        var reviewPage = await bed.Anonymous.GetStringAsync(reviewLink);
        Assert.Contains("光伏板选址占用耕地&lt;script&gt;", reviewPage, StringComparison.Ordinal);
        Assert.Contains("异议不成立", reviewPage, StringComparison.Ordinal);
        Assert.Contains("（公示暂停，等待异议复核）", await bed.Anonymous.GetStringAsync(noticeLink), StringComparison.Ordinal);
        var dismissed = await walk.PostAsync(reviewLink, new Dictionary<string, string> { ["outcome"] = "dismiss", ["note"] = "选址为村集体荒坡，不占耕地", ["name"] = "王主任" });
        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        await bed.WaitForInboxAsync(walk.Holder("village-notice"), "异议经复核不成立，公示继续");
        Assert.Equal("village-notice.2.objection-1", Assert.Single(await objections.ListAsync(walk.Id, CancellationToken.None)).Review);

        // The period ends with the objection dismissed: NoticePassed, and the township's review opens.
        bed.AdvanceTo(new DateTimeOffset(2026, 3, 19, 1, 0, 0, Beijing));
        await bed.SignInAgainAsync();
        await walk.WaitForStepAsync("township-review.3");

        // The county API decides through the same path: the workflow moves on as it does for a link.
        await walk.DecideByCountyAsync("township-review", ProjectOutcome.Approved);
        var townshipNotice = await walk.WaitForStepAsync("township-notice.4");
        bed.AdvanceTo(townshipNotice.Record.Times!.NoticeEndsAt!.Value + TimeSpan.FromMinutes(1));
        await bed.SignInAgainAsync();
        await walk.WaitForStepAsync("county-review.5");
        await walk.DecideByCountyAsync("county-review", ProjectOutcome.Approved);
        await walk.WaitForStepAsync("county-approval.6");
        await walk.DecideByCountyAsync("county-approval", ProjectOutcome.Approved);
        await walk.WaitForStepAsync("county-notice.7");
        await walk.DecideByCountyAsync("county-notice", ProjectOutcome.NoticePassed);

        await walk.WaitForStepAsync("implementation.8");
        await walk.DecideAsync("implementation", "implementation.8", "done");

        // 验收: a report that is not an image or PDF is refused with nothing kept; a PDF is kept as evidence.
        await walk.WaitForStepAsync("acceptance.9");
        var acceptance = await walk.LinkAsync("acceptance", "/project/step/", "acceptance.9");
        var text = await walk.PostAsync(acceptance, new Dictionary<string, string> { ["outcome"] = "done", ["name"] = "李科长" }, "report", "验收合格"u8.ToArray(), "验收报告.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Contains("只接受 JPEG、PNG 图片或 PDF 文件", await text.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var evidence = bed.Services.GetRequiredService<EvidenceStore>();
        Assert.Empty(await evidence.ListAsync(walk.Id, CancellationToken.None));
        Assert.Equal("acceptance.9", (await walk.DetailAsync()).Record.StepKey);
        var accepted = await walk.PostAsync(acceptance, new Dictionary<string, string> { ["outcome"] = "done", ["name"] = "李科长" }, "report", ProjectWalk.Pdf);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Single(await evidence.ListAsync(walk.Id, CancellationToken.None));

        // 运营: when the first quarter ends the township gets its link; 20,000 yuan on 1,000,000 is 8% a year, under 10%.
        var operating = await walk.WaitForStepAsync("operation.10");
        Assert.Equal(10, operating.Record.Progress.Ended.Count);
        bed.AdvanceTo(new DateTimeOffset(2026, 4, 1, 0, 1, 0, Beijing));
        await bed.SignInAgainAsync();
        var quarterLink = await walk.LinkAsync("operation", "/project/quarter/", "2026Q1");
        Assert.Contains("登记2026年第1季度收益", await bed.Anonymous.GetStringAsync(quarterLink), StringComparison.Ordinal);
        var recorded = await walk.PostAsync(quarterLink, new Dictionary<string, string> { ["income"] = "20000", ["dividends"] = "8000", ["name"] = "赵站长" });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Contains("已提示县扶贫办", await recorded.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await bed.WaitForInboxAsync(countyOffice, "折合年收益率 8%，低于 10% 的底线");
        var done = await walk.DetailAsync();
        Assert.True(done.Record.Flagged);
        Assert.Equal(8_000m, Assert.Single(done.Record.Quarters).Yield.Dividends);
        Assert.Equal(HttpStatusCode.Conflict, (await bed.Anonymous.GetAsync(quarterLink)).StatusCode);
        Assert.Equal([ProjectOutcome.Done, ProjectOutcome.Approved, ProjectOutcome.NoticePassed, ProjectOutcome.Approved, ProjectOutcome.NoticePassed,
            ProjectOutcome.Approved, ProjectOutcome.Approved, ProjectOutcome.NoticePassed, ProjectOutcome.Done, ProjectOutcome.Done],
            done.Record.Progress.Ended.Select(e => e.Outcome));
        Assert.Contains(done.Audit, a => a.Action == "ObjectionDismissed" && a.Comment!.Contains("村集体荒坡", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_returned_review_and_an_upheld_objection_send_the_project_back_to_its_proposal_and_used_decided_forged_and_expired_links_are_refused_with_nothing_changed()
    {
        await using var bed = await FundTestBed.StartAsync();
        var walk = await ProjectWalk.ProposeAsync(bed, "食用菌大棚", 400_000m);
        await walk.DecideAsync("proposal", "proposal.0", "done");
        await walk.WaitForStepAsync("village-review.1");
        var review = await walk.LinkAsync("village-review", "/project/step/", "village-review.1");

        var noReason = await walk.PostAsync(review, new Dictionary<string, string> { ["outcome"] = "return", ["name"] = "王主任" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("退回时请填写退回理由。", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknown = await walk.PostAsync(review, new Dictionary<string, string> { ["outcome"] = "done", ["name"] = "王主任" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("请选择办理结果。", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("village-review.1", (await walk.DetailAsync()).Record.StepKey);

        var returned = await walk.PostAsync(review, new Dictionary<string, string> { ["outcome"] = "return", ["note"] = "选址未征求群众意见", ["name"] = "王主任" });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);

        // Back to the proposal, which opens again in a new round with a new link.
        var back = await walk.WaitForStepAsync("proposal.2");
        Assert.Equal(ProjectOutcome.Returned, back.Record.Progress.Ended[^1].Outcome);
        await walk.LinkAsync("proposal", "/project/step/", "proposal.2");

        var reused = await walk.PostAsync(review, new Dictionary<string, string> { ["outcome"] = "approve", ["name"] = "王主任" });
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Contains("该链接已使用过", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var signer = bed.Services.GetRequiredService<CapabilityLinkSigner>();
        var other = $"/project/step/{signer.Issue(ProjectRequests.StepPurpose, walk.Id, "village-review.1", walk.Holder("village-review"))}";
        var decided = await walk.PostAsync(other, new Dictionary<string, string> { ["outcome"] = "approve", ["name"] = "王主任" });
        Assert.Equal(HttpStatusCode.Conflict, decided.StatusCode);
        Assert.Contains("该环节已有审批结果", await decided.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var forged = review[..^4] + (review.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var refusedForged = await bed.Anonymous.GetAsync(forged);
        Assert.Equal(HttpStatusCode.Forbidden, refusedForged.StatusCode);
        Assert.Contains("链接无效", await refusedForged.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var shortLived = $"/project/step/{signer.Issue(ProjectRequests.StepPurpose, walk.Id, "proposal.2", walk.Holder("proposal"), TimeSpan.FromMinutes(1))}";
        bed.AdvanceTo(bed.Clock.GetUtcNow() + TimeSpan.FromMinutes(2));
        var expired = await walk.PostAsync(shortLived, new Dictionary<string, string> { ["outcome"] = "done", ["name"] = "王主任" });
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("链接已过期", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var after = await walk.DetailAsync();
        Assert.Equal("proposal.2", after.Record.StepKey);
        Assert.Equal(2, after.Record.Progress.Ended.Count);
        Assert.Single(after.Audit, a => a.Action == nameof(ProjectOutcome.Returned));

        // Proposed again and reviewed, its notice gets an objection that the review upholds (异议成立): back to the proposal.
        await walk.DecideAsync("proposal", "proposal.2", "done");
        await walk.WaitForStepAsync("village-review.3");
        await walk.DecideAsync("village-review", "village-review.3", "approve");
        await walk.WaitForStepAsync("village-notice.4");
        var notice = await walk.LinkAsync("village-notice", "/project-notice/", "village-notice.4");
        var objection = "/project-objection/" + notice[(notice.LastIndexOf('/') + 1)..];
        var filed = await bed.Anonymous.PostAsync(objection, new FormUrlEncodedContent(new Dictionary<string, string> { ["contact"] = "村民张某", ["reason"] = "大棚建在基本农田上" }));
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        var upheld = await walk.PostAsync(await walk.LinkAsync("village-notice", "/project/review/", "village-notice.4.objection-1"),
            new Dictionary<string, string> { ["outcome"] = "uphold", ["note"] = "经核实占用基本农田", ["name"] = "王主任" });
        Assert.Equal(HttpStatusCode.OK, upheld.StatusCode);
        var again = await walk.WaitForStepAsync("proposal.5");
        Assert.Equal(ProjectOutcome.ObjectionUpheld, again.Record.Progress.Ended[^1].Outcome);
        var ended = await bed.Anonymous.GetAsync(objection);
        Assert.Equal(HttpStatusCode.Conflict, ended.StatusCode);
        Assert.Contains("公示已结束", await ended.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
