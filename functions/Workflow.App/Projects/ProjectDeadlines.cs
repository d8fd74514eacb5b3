using Workflow.Domain.Calendar;
using Workflow.Domain.Projects;
using Workflow.Domain.Rectification;

namespace Workflow.App.Projects;

/// <summary>
/// A project's deadlines as this deployment runs them: a step's working days (the procedure's data) counted in the
/// working-day calendar from the services (a test injects its own), as fund disbursement counts its days; the reminder
/// that many days before; a quarter's report due the operation step's working days after the quarter ends.
/// </summary>
public sealed class ProjectDeadlines(IConfiguration configuration, WorkingCalendar calendar)
{
    public const string ReminderSetting = "Projects:ReminderDaysBefore";

    /// <summary>An assumption, as for funds: no seed sets a reminder; two days before the deadline leaves time to act.</summary>
    public const int DefaultReminderDaysBefore = 2;

    public WorkingCalendar Calendar { get; } = calendar.WithWeekendsWhereUnpublished();

    public int ReminderDaysBefore { get; } = Math.Max(0, configuration.GetValue(ReminderSetting, DefaultReminderDaysBefore));

    /// <summary>The step's deadline: its working days after the day it opened (Beijing), passed at the start of the next day.</summary>
    public ProjectDeadline For(ProjectStep step, DateTimeOffset openedAt)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Due(Calendar.AddWorkingDays(ShanghaiTime.DateOf(openedAt), step.WorkingDays), openedAt);
    }

    /// <summary>A quarter's report: due the operation step's working days after the quarter's last day.</summary>
    public ProjectDeadline ForQuarter(ProjectStep operation, ProjectQuarter quarter, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return Due(Calendar.AddWorkingDays(LastDayOf(quarter), operation.WorkingDays), at);
    }

    /// <summary>The quarter a day is in.</summary>
    public static ProjectQuarter QuarterOf(DateOnly day) => new(day.Year, (day.Month + 2) / 3);

    public static ProjectQuarter After(ProjectQuarter quarter) => quarter.Quarter == 4 ? new(quarter.Year + 1, 1) : quarter with { Quarter = quarter.Quarter + 1 };

    public static DateOnly LastDayOf(ProjectQuarter quarter) => new DateOnly(quarter.Year, quarter.Quarter * 3, 1).AddMonths(1).AddDays(-1);

    /// <summary>When a quarter has ended and its report can be made: the start of the next quarter's first day in Beijing.</summary>
    public static DateTimeOffset EndOf(ProjectQuarter quarter) => ShanghaiTime.StartOf(LastDayOf(quarter).AddDays(1));

    private ProjectDeadline Due(DateOnly dueOn, DateTimeOffset at)
    {
        var overdueAt = SupervisionPolicy.OverdueAt(dueOn);
        var remindAt = ShanghaiTime.StartOf(dueOn.AddDays(-ReminderDaysBefore));
        return new ProjectDeadline(dueOn, overdueAt, ReminderDaysBefore > 0 && remindAt > at && remindAt < overdueAt ? remindAt : null);
    }
}

/// <summary>The last day to act, when that has passed (逾期), and when the reminder goes (null: none, its time has gone).</summary>
public sealed record ProjectDeadline(DateOnly DueOn, DateTimeOffset OverdueAt, DateTimeOffset? RemindAt);
