using Workflow.Domain.Calendar;
using Workflow.Domain.Campaigns;
using Workflow.Domain.Plans;

namespace Workflow.Domain.Tests.Campaigns;

/// <summary>
/// The campaign's working days: a plan running into a year whose holidays are not published yet (禄丰's 冬季决战 ends in
/// January) is counted by weekends there, and the years so counted are named for the board.
/// </summary>
public class CampaignCalendarTests
{
    private static readonly AnnualPlan Lufeng = PlanTemplates.For("532331", 2020);

    [Fact]
    public void ThisYearsPlanNamesNextYearAsCountedByWeekendsAndCountsItsDaysLeft()
    {
        var plan = Lufeng.CopyFor("532331", "禄丰县", 2026);
        var winter = plan.Phases[^1];

        Assert.Equal([2027], CampaignCalendar.UnpublishedYears(plan));
        Assert.Empty(CampaignCalendar.UnpublishedYears(Lufeng));
        // 冬季决战 2026-10-01 to 2027-01-31, from Monday 4 January 2027: 28 days, 20 of them Monday to Friday.
        Assert.Equal(new PhaseDaysLeft(28, 20), CampaignSchedule.DaysLeft(winter, new DateOnly(2027, 1, 4), CampaignCalendar.Working));
        Assert.Throws<CalendarYearNotAvailableException>(() => CampaignSchedule.DaysLeft(winter, new DateOnly(2027, 1, 4), WorkingCalendar.China));
    }
}
