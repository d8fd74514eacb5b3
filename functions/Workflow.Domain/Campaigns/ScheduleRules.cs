namespace Workflow.Domain.Campaigns;

/// <summary>
/// When the campaign reminds and how 长期坚持 tasks report: reminders at <see cref="ReminderTime"/> (Beijing) on the
/// working days <see cref="ReminderWorkingDays"/> before each due date, and 逾期 at the end of the due date.
/// </summary>
public sealed record ScheduleRules(IReadOnlyList<int> ReminderWorkingDays, ReportingCycle Cycle, TimeOnly ReminderTime)
{
    /// <summary>Five working days and one working day before, at 09:00; 长期坚持 tasks without their own cadence report monthly.</summary>
    public static ScheduleRules Default { get; } = new([5, 1], ReportingCycle.Monthly, new TimeOnly(9, 0));
}
