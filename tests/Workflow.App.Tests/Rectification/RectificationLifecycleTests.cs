using System.Net;
using Workflow.Domain.Rectification;
using Workflow.App.Rectification;
using Xunit;

namespace Workflow.App.Tests.Rectification;

/// <summary>
/// An item from entry to 销号 through links only: the unit's submit link and the county's verify link arrive in the
/// inbox; a send-back needs a reason and starts a second round with links of its own; a missed deadline brings a
/// 督办单 with a new deadline in working days, and a second miss a 约谈.
/// </summary>
public sealed class RectificationLifecycleTests
{
    [Fact]
    public async Task A_finding_is_submitted_with_evidence_and_verified_through_links_and_closes()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var item = await bed.EnterAsync(LedgerTestBed.Finding());
        Assert.Equal(RectificationStatus.Open, item.Status);
        await bed.WaitForStatusAsync(item.ItemId, RectificationStatus.InProgress);

        var submit = await bed.SubmitLinkAsync(item);
        bed.Advance(TimeSpan.FromHours(2));
        var submitted = await bed.SubmitAsync(submit, comment: "已组织验收，附验收照片");
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains("data-verdict=\"Submitted\"", await submitted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await bed.WaitForStatusAsync(item.ItemId, RectificationStatus.Submitted);

        var verify = await bed.VerifyLinkAsync(item);
        var page = await bed.Anonymous.GetStringAsync(verify);
        Assert.Contains("验收照片.jpg", page, StringComparison.Ordinal);
        Assert.Contains("已组织验收，附验收照片", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await bed.VerifyAsync(verify, close: true, comment: "核验属实")).StatusCode);
        var closed = await bed.WaitForStatusAsync(item.ItemId, RectificationStatus.Closed);

        Assert.Equal(bed.Clock.GetUtcNow(), closed.Item.ClosedAt);
        Assert.Equal(
            [LedgerTimelineKinds.Entered, LedgerTimelineKinds.Assigned, LedgerTimelineKinds.Submitted, LedgerTimelineKinds.AwaitingVerification, LedgerTimelineKinds.Closed],
            closed.Timeline.Select(t => t.Kind));
        Assert.Equal(["submit", "verify"], closed.Audit.Select(a => a.Action));
        var submission = closed.Audit[0];
        // Who acted, by name: the unit, not its recipient key (县住建局@{township code}).
        Assert.Equal("李主任（县住建局）", submission.Actor);
        Assert.Equal("县住建局", submission.Role);
        Assert.Equal("LedgerTests/1.0", submission.UserAgent);
        Assert.NotNull(submission.ClientIp);
        Assert.Equal(ExitLinkId(submit), submission.LinkId);
        var evidence = Assert.Single(closed.Evidence);
        Assert.Equal(RectificationSteps.Submit(1), evidence.Step);
        await bed.WaitForInboxAsync(RectificationRecipients.Unit(item), "已销号");

        var ledger = await bed.ListAsync();
        Assert.Equal(RectificationStatus.Closed, Assert.Single(ledger).Status);
    }

    [Fact]
    public async Task A_send_back_needs_a_reason_and_the_resubmission_of_the_second_round_closes_the_item()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var item = await bed.EnterAsync(LedgerTestBed.Finding(unit: "碧城镇人民政府"));
        Assert.Equal(HttpStatusCode.OK, (await bed.SubmitAsync(await bed.SubmitLinkAsync(item))).StatusCode);
        var verify = await bed.VerifyLinkAsync(item);
        bed.Advance(TimeSpan.FromHours(1));

        var noReason = await bed.VerifyAsync(verify, close: false, comment: "  ");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("退回时必须填写理由", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await bed.VerifyAsync(verify, close: false, comment: "照片不清晰，缺少验收单")).StatusCode);

        var reworking = await bed.WaitForAsync(item.ItemId, d => d.Item is { Status: RectificationStatus.InProgress, Round: 2 }, "round 2");
        Assert.Equal("照片不清晰，缺少验收单", reworking.Item.SendBackReason);
        var second = await bed.SubmitLinkAsync(item, round: 2);
        await bed.WaitForInboxAsync(RectificationRecipients.Unit(item), "照片不清晰，缺少验收单");
        // The first round's link is spent; a first-round link can never act on the second round.
        Assert.Equal(HttpStatusCode.Conflict, (await bed.SubmitAsync(await bed.SubmitLinkAsync(item))).StatusCode);

        bed.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, (await bed.SubmitAsync(second, comment: "补充验收单")).StatusCode);
        var secondVerify = await bed.VerifyLinkAsync(item, round: 2);
        bed.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, (await bed.VerifyAsync(secondVerify, close: true)).StatusCode);
        var closed = await bed.WaitForStatusAsync(item.ItemId, RectificationStatus.Closed);

        Assert.Equal(["submit", "send-back", "submit", "verify"], closed.Audit.Select(a => a.Action));
        Assert.Equal("照片不清晰，缺少验收单", closed.Audit[1].Comment);
        Assert.Equal(
            [RectificationSteps.Submit(1), RectificationSteps.Verify(1), RectificationSteps.Submit(2), RectificationSteps.Verify(2)],
            closed.Audit.Select(a => a.Step));
        Assert.Contains(closed.Timeline, t => t.Kind == LedgerTimelineKinds.SentBack && t.Text.Contains("照片不清晰", StringComparison.Ordinal));
        Assert.Equal(2, closed.Evidence.Count);
    }

    [Fact]
    public async Task A_missed_deadline_brings_a_supervision_notice_with_five_more_working_days_and_a_second_miss_a_summons()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var item = await bed.EnterAsync(LedgerTestBed.Finding(description: "产业项目收益未按时分配", unit: "县农业农村局", township: null));
        await bed.SubmitLinkAsync(item);
        var unit = RectificationRecipients.Unit(item);
        Assert.Equal($"县农业农村局@{bed.CountyCode}", unit);

        // Deadline Friday 13 March: still fine at 23:59 that day.
        bed.AdvanceTo(new DateTimeOffset(2026, 3, 13, 23, 59, 0, TimeSpan.FromHours(8)));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(OverdueStage.None, (await bed.DetailAsync(item.ItemId)).Item.Stage);
        Assert.Equal(HttpStatusCode.NotFound, (await bed.County.GetAsync($"/rectifications/{item.ItemId}/supervision-notice")).StatusCode);

        bed.Advance(TimeSpan.FromMinutes(2));
        // The stage changes before the activity writes the audit entry and the history line: wait for all three.
        var supervised = await bed.WaitForAsync(item.ItemId, d => d.Item.Stage == OverdueStage.Supervised
            && d.Audit.Any(a => a.Action == "supervise") && d.Timeline.Any(t => t.Kind == LedgerTimelineKinds.Supervised), "supervised");
        // Issued Saturday 14 March: five working days are Monday 16 to Friday 20 March.
        Assert.Equal(new DateOnly(2026, 3, 20), supervised.Item.Deadline);
        Assert.Equal(new DateOnly(2026, 3, 13), supervised.Item.Finding.Deadline);
        Assert.Single(supervised.Audit, a => a.Action == "supervise");
        await bed.WaitForInboxAsync(unit, "督办单");
        await bed.WaitForInboxAsync(RectificationRecipients.CountyVerifier(item), "已下发督办单");
        var notice = await bed.County.GetStringAsync($"/rectifications/{item.ItemId}/supervision-notice");
        Assert.Contains("脱贫攻坚问题整改督办单", notice, StringComparison.Ordinal);
        Assert.Contains("data-new-deadline=\"2026-03-20\"", notice, StringComparison.Ordinal);
        Assert.Contains("县农业农村局", notice, StringComparison.Ordinal);
        Assert.Contains("2026 年 3 月 14 日", notice, StringComparison.Ordinal);
        // The 督办单 brings the unit a fresh link for the same step.
        var fresh = await bed.SubmitLinkAsync(item, count: 2);

        bed.AdvanceTo(new DateTimeOffset(2026, 3, 21, 0, 1, 0, TimeSpan.FromHours(8)));
        var summoned = await bed.WaitForAsync(item.ItemId, d => d.Item.Stage == OverdueStage.Summoned
            && d.Audit.Any(a => a.Action == "summon") && d.Timeline.Any(t => t.Kind == LedgerTimelineKinds.Summoned), "summoned");
        Assert.Equal(["supervise", "summon"], summoned.Audit.Select(a => a.Action));
        Assert.Contains(summoned.Timeline, t => t.Kind == LedgerTimelineKinds.Summoned && t.Text.Contains("约谈县农业农村局主要负责人", StringComparison.Ordinal));
        await bed.WaitForInboxAsync(unit, "约谈通知");
        Assert.Single(await bed.ListAsync("overdue=true"));

        // Still closable after the summons, through the newest link.
        var last = await bed.SubmitLinkAsync(item, count: 3);
        Assert.NotEqual(fresh, last);
        Assert.Equal(HttpStatusCode.OK, (await bed.SubmitAsync(last)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bed.VerifyAsync(await bed.VerifyLinkAsync(item), close: true)).StatusCode);
        var closed = await bed.WaitForStatusAsync(item.ItemId, RectificationStatus.Closed);
        Assert.Equal(OverdueStage.Summoned, closed.Item.Stage);
        Assert.Empty(await bed.ListAsync("overdue=true"));
    }

    private static string ExitLinkId(string link) => Exits.ExitTestBed.PayloadOf(link)!.LinkId;
}
