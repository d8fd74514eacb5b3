using Workflow.Domain.Calendar;
using Workflow.Domain.Plans;

namespace Workflow.Domain.Campaigns;

/// <summary>
/// 攻坚日历: the working days a campaign counts its reminders and days left in. A plan runs into January of the next
/// year (004's 冬季决战), whose holidays the State Council publishes only in the autumn before, so this year's plan could
/// not start until then if an unpublished year were refused. Such a year is counted by weekends instead
/// (<see cref="WorkingCalendar.WithWeekendsWhereUnpublished"/>), and the board names it (<see cref="UnpublishedYears"/>).
/// </summary>
public static class CampaignCalendar
{
    public static WorkingCalendar Working { get; } = WorkingCalendar.China.WithWeekendsWhereUnpublished();

    /// <summary>The years the plan spans whose holiday schedule is not published (counted by weekends), earliest first.</summary>
    public static IReadOnlyList<int> UnpublishedYears(AnnualPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Enumerable.Range(plan.Start.Year, Math.Max(0, plan.End.Year - plan.Start.Year + 1)).Where(y => !Working.IsPublished(y)).ToList();
    }
}
