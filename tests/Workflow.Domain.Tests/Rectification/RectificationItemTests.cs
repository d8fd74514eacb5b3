using Workflow.Domain.Rectification;

namespace Workflow.Domain.Tests.Rectification;

public class RectificationItemTests
{
    private static readonly Finding Finding = new(FindingSource.Provincial, "住房安全", "危房改造未验收", "县住建局", "532331101", "碧城镇", new DateOnly(2018, 9, 30));

    private static RectificationItem Entered() =>
        RectificationItem.Enter("532331", 2018, Finding, new DateTimeOffset(2018, 8, 1, 9, 0, 0, TimeSpan.FromHours(8)), "王干事");

    [Fact]
    public void An_item_goes_from_open_through_submitted_to_closed()
    {
        var item = Entered();
        Assert.Equal((RectificationStatus.Open, "submit-1"), (item.Status, item.CurrentStep));

        item = item.Assign().Submit();
        Assert.Equal((RectificationStatus.Submitted, "verify-1"), (item.Status, item.CurrentStep));

        var at = new DateTimeOffset(2018, 9, 1, 10, 0, 0, TimeSpan.FromHours(8));
        item = item.Verify(at);
        Assert.Equal((RectificationStatus.Closed, (string?)null, (DateTimeOffset?)at), (item.Status, item.CurrentStep, item.ClosedAt));
    }

    [Fact]
    public void A_send_back_keeps_its_reason_and_starts_the_next_round_until_the_next_submission()
    {
        var sent = Entered().Assign().Submit().SendBack("  缺少验收单  ");

        Assert.Equal((RectificationStatus.InProgress, 2, "缺少验收单", "submit-2"), (sent.Status, sent.Round, sent.SendBackReason, sent.CurrentStep));
        var again = sent.Submit();
        Assert.Equal(("verify-2", (string?)null), (again.CurrentStep, again.SendBackReason));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_send_back_without_a_reason_is_refused(string reason) =>
        Assert.Throws<ArgumentException>(() => Entered().Assign().Submit().SendBack(reason));

    [Fact]
    public void Transitions_the_state_does_not_allow_are_typed_errors()
    {
        var open = Entered();
        var closed = open.Assign().Submit().Verify(DateTimeOffset.UnixEpoch);

        AssertIllegal(() => open.Verify(DateTimeOffset.UnixEpoch), RectificationStatus.Open, RectificationAction.Verify);
        AssertIllegal(() => open.SendBack("理由"), RectificationStatus.Open, RectificationAction.SendBack);
        AssertIllegal(() => open.Assign().Assign(), RectificationStatus.InProgress, RectificationAction.Assign);
        AssertIllegal(() => open.Assign().Submit().Submit(), RectificationStatus.Submitted, RectificationAction.Submit);
        AssertIllegal(() => closed.Submit(), RectificationStatus.Closed, RectificationAction.Submit);
        AssertIllegal(() => closed.SendBack("理由"), RectificationStatus.Closed, RectificationAction.SendBack);
        AssertIllegal(() => open.Assign().Summon(), RectificationStatus.InProgress, RectificationAction.Summon);
        AssertIllegal(() => open.Assign().Submit().Supervise(new DateOnly(2018, 10, 15)), RectificationStatus.Submitted, RectificationAction.Supervise);
    }

    [Fact]
    public void An_overdue_item_is_supervised_once_with_a_later_deadline_then_summoned_once()
    {
        var item = Entered().Assign();
        Assert.False(item.IsOverdue(new DateOnly(2018, 9, 30)));
        Assert.True(item.IsOverdue(new DateOnly(2018, 10, 1)));

        AssertIllegal(() => item.Supervise(new DateOnly(2018, 9, 30)), RectificationStatus.InProgress, RectificationAction.Supervise);
        var supervised = item.Supervise(new DateOnly(2018, 10, 12));
        Assert.Equal((OverdueStage.Supervised, new DateOnly(2018, 10, 12)), (supervised.Stage, supervised.Deadline));
        Assert.True(supervised.IsOverdue(new DateOnly(2018, 10, 1)));
        AssertIllegal(() => supervised.Supervise(new DateOnly(2018, 10, 20)), RectificationStatus.InProgress, RectificationAction.Supervise);

        var summoned = supervised.Summon();
        Assert.Equal(OverdueStage.Summoned, summoned.Stage);
        AssertIllegal(() => summoned.Summon(), RectificationStatus.InProgress, RectificationAction.Summon);
        Assert.False(summoned.Submit().IsOverdue(new DateOnly(2018, 12, 1)));
    }

    [Fact]
    public void The_id_comes_from_the_county_year_and_finding_and_ignores_spacing()
    {
        var id = RectificationItemId.For("532331", 2018, Finding);

        Assert.Matches("^532331-2018-[0-9a-f]{12}$", id);
        Assert.Equal(id, RectificationItemId.For("532331", 2018, Finding with { Description = " 危房改造未验收\u3000" }));
        Assert.NotEqual(id, RectificationItemId.For("532331", 2018, Finding with { Deadline = new DateOnly(2018, 10, 31) }));
        Assert.NotEqual(id, RectificationItemId.For("532331", 2019, Finding));
        Assert.Equal(("532331", 2018), RectificationItemId.Parse(id));
        Assert.Null(RectificationItemId.Parse("532331-2018-../../etc"));
        Assert.Null(RectificationItemId.Parse("53233x-2018-0123456789ab"));
        Assert.Null(RectificationItemId.Parse(null));
    }

    private static void AssertIllegal(Action act, RectificationStatus status, RectificationAction action)
    {
        var e = Assert.Throws<IllegalTransitionException>(act);
        Assert.Equal((status, action), (e.Status, e.Action));
    }
}
