using Workflow.Domain.Calendar;
using Workflow.Domain.Rectification;

namespace Workflow.Domain.Tests.Rectification;

public class SupervisionPolicyTests
{
    [Fact]
    public void A_deadline_is_overdue_from_midnight_at_its_end_in_beijing() =>
        Assert.Equal(new DateTimeOffset(2018, 9, 30, 16, 0, 0, TimeSpan.Zero), SupervisionPolicy.OverdueAt(new DateOnly(2018, 9, 30)));

    [Fact]
    public void The_notice_deadline_counts_working_days_past_the_national_day_holiday()
    {
        // Overdue from 1 October 2018: 国庆 runs to 7 October; 29–30 September were make-up working days, 8 October is the first working day.
        var issued = SupervisionPolicy.OverdueAt(new DateOnly(2018, 9, 30));

        Assert.Equal(new DateOnly(2018, 10, 12), SupervisionPolicy.Default.NoticeDeadline(issued, WorkingCalendar.China));
        Assert.Equal(new DateOnly(2018, 10, 8), new SupervisionPolicy(1).NoticeDeadline(issued, WorkingCalendar.China));
    }

    [Fact]
    public void In_a_year_without_a_published_holiday_schedule_weekdays_are_counted()
    {
        // Friday 5 March 2027 → five weekdays later is Friday 12 March.
        var issued = new DateTimeOffset(2027, 3, 5, 0, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(new DateOnly(2027, 3, 12), SupervisionPolicy.Default.NoticeDeadline(issued, WorkingCalendar.China));
    }

    [Fact]
    public void A_policy_of_no_working_days_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => new SupervisionPolicy(0).NoticeDeadline(DateTimeOffset.UnixEpoch, WorkingCalendar.China));

    [Fact]
    public void The_five_working_days_are_an_assumption_and_the_seed_is_quoted_for_what_it_says()
    {
        var days = Assert.Single(SupervisionPolicy.Citations, c => c.About == "workingDays");
        Assert.Null(days.Seed);
        Assert.Contains("assumption", days.Basis, StringComparison.Ordinal);
        Assert.Contains(SupervisionPolicy.Citations, c => c.Seed == "003_f16c26e024f0e78d.txt" && c.Quote!.EndsWith("限期整改", StringComparison.Ordinal));
    }
}
