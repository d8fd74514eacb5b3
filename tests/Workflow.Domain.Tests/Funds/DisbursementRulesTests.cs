using Workflow.Domain.Calendar;
using Workflow.Domain.Funds;

namespace Workflow.Domain.Tests.Funds;

/// <summary>The shipped disbursement deadlines (003): 15 calendar days, then 5 and 5 working days, each cited.</summary>
public class DisbursementRulesTests
{
    private static readonly DisbursementRules Rules = DisbursementRules.Default;

    /// <summary>2026 with Thursday 5 and Friday 6 March off, as a county's published calendar might have it.</summary>
    private static readonly WorkingCalendar TwoDaysOff = new([new HolidaySchedule(2026, "测试", [new HolidayBreak("测试假期", new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 6))], [])]);

    [Fact]
    public void The_shipped_rules_are_fifteen_calendar_days_then_five_and_five_working_days_each_quoting_003()
    {
        Assert.Equal((15, false), (Rules.For(DisbursementStage.CountyToFinanceOffice).Days, Rules.For(DisbursementStage.CountyToFinanceOffice).WorkingDays));
        Assert.Equal((5, true), (Rules.For(DisbursementStage.FinanceToEconomicOffice).Days, Rules.For(DisbursementStage.FinanceToEconomicOffice).WorkingDays));
        Assert.Equal((5, true), (Rules.For(DisbursementStage.VillagePayment).Days, Rules.For(DisbursementStage.VillagePayment).WorkingDays));
        Assert.All(Rules.Steps, s => Assert.Equal("003_f16c26e024f0e78d.txt", s.Citation.Seed));
        Assert.Null(Assert.Single(Rules.Citations, c => c.About == "reminderDaysBefore").Seed);
    }

    [Fact]
    public void Step_one_counts_calendar_days_through_weekends_and_holidays()
    {
        Assert.Equal(new DateOnly(2026, 3, 17), Rules.DueOn(DisbursementStage.CountyToFinanceOffice, new DateOnly(2026, 3, 2), TwoDaysOff));
    }

    [Fact]
    public void Steps_two_and_three_count_working_days_of_the_calendar_given()
    {
        Assert.Equal(new DateOnly(2026, 3, 10), Rules.DueOn(DisbursementStage.FinanceToEconomicOffice, new DateOnly(2026, 3, 3), WorkingCalendar.China));
        Assert.Equal(new DateOnly(2026, 3, 12), Rules.DueOn(DisbursementStage.FinanceToEconomicOffice, new DateOnly(2026, 3, 3), TwoDaysOff));
        Assert.Equal(new DateOnly(2026, 3, 12), Rules.DueOn(DisbursementStage.VillagePayment, new DateOnly(2026, 3, 3), TwoDaysOff));
    }

    [Fact]
    public void A_year_the_calendar_does_not_publish_counts_weekdays()
    {
        // 2040 is in no schedule: Friday 6 January 2040 + 5 working days is Friday the 13th.
        Assert.Equal(new DateOnly(2040, 1, 13), Rules.DueOn(DisbursementStage.VillagePayment, new DateOnly(2040, 1, 6), TwoDaysOff));
    }

    [Fact]
    public void The_reminder_goes_out_at_the_start_of_the_day_two_days_before_and_a_lead_below_zero_is_refused()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.FromHours(8)), Rules.RemindAt(new DateOnly(2026, 3, 17)));
        Assert.Throws<InvalidOperationException>(() => Rules.WithReminderDaysBefore(-1));
    }
}
