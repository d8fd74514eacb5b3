using Workflow.Domain.Funds;
using Workflow.Domain.Rectification;

namespace Workflow.Domain.Tests.Funds;

public class DisbursementStepTests
{
    private static readonly DisbursementStep Finance = new("fund-532331-0123456789ab", DisbursementStep.FinanceStep, DisbursementStage.FinanceToEconomicOffice,
        100_000m, new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 10));

    [Fact]
    public void A_supervision_notice_moves_the_deadline_in_force_and_overdue_days_still_count_from_the_statutory_one()
    {
        var supervised = Finance.Supervise(new DateOnly(2026, 3, 11), new DateOnly(2026, 3, 18));
        Assert.Equal((OverdueStage.Supervised, new DateOnly(2026, 3, 18), new DateOnly(2026, 3, 10)), (supervised.Overdue, supervised.DueOn, supervised.Statutory));
        Assert.Equal(new DateOnly(2026, 3, 10), supervised.Supervise(new DateOnly(2026, 3, 19), new DateOnly(2026, 3, 26)).Statutory);
        Assert.Equal(3, supervised.OverdueDays(new DateOnly(2026, 3, 13)));
        Assert.True(supervised.IsOverdue(new DateOnly(2026, 3, 19)));
        Assert.False(supervised.IsOverdue(new DateOnly(2026, 3, 18)));
        Assert.Equal(2, supervised.Pay(100_000m, new DateOnly(2026, 3, 12), "刘会计", "v1").OverdueDays(new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public void A_payment_over_the_step_amount_is_never_recorded()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Finance.Pay(100_000.01m, new DateOnly(2026, 3, 4), "刘会计", "v1"));
        Assert.Contains("超过尚未拨付", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, Finance.Pay(100_000m, new DateOnly(2026, 3, 10), "刘会计", "v1").OverdueDays(new DateOnly(2026, 3, 20)));
    }
}
