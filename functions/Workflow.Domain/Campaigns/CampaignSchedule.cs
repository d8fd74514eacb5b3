using Workflow.Domain.Calendar;
using Workflow.Domain.Plans;

namespace Workflow.Domain.Campaigns;

/// <summary>
/// The campaign's calendar from its plan and the days its phases were entered: which tasks a phase opens, the instants
/// the tasks must be reviewed (reminders, 逾期), the phase's end reminder and the days it has left.
/// </summary>
public static class CampaignSchedule
{
    /// <summary>The tasks a phase opens: those the plan ties to it, and for the first phase those tied to none (004 lists its work items for the whole year).</summary>
    public static bool Opens(AnnualPlan plan, string phaseKey, PlanTask task)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(task);
        return task.Phase == phaseKey || (task.Phase is null && plan.Phases.Count > 0 && plan.Phases[0].Key == phaseKey);
    }

    /// <summary>The day the task opened, or null while the phase that opens it has not been entered.</summary>
    public static DateOnly? OpenedOn(AnnualPlan plan, PlanTask task, IReadOnlyList<PhaseEntry> entered)
    {
        ArgumentNullException.ThrowIfNull(entered);
        var entry = entered.FirstOrDefault(e => Opens(plan, e.PhaseKey, task));
        return entry is null ? null : TaskSchedule.OpensOn(task, entry.On);
    }

    /// <summary>Every instant after <paramref name="after"/> at which some open task has a reminder or becomes 逾期, earliest first.</summary>
    public static IReadOnlyList<DateTimeOffset> ReviewTimes(
        AnnualPlan plan, IReadOnlyList<PhaseEntry> entered, DateTimeOffset after, ScheduleRules rules, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var times = new SortedSet<DateTimeOffset>();
        foreach (var task in plan.Tasks)
        {
            if (OpenedOn(plan, task, entered) is not { } opened)
            {
                continue;
            }

            foreach (var due in TaskSchedule.DuePoints(task, opened, plan, rules))
            {
                times.UnionWith(TaskSchedule.ReminderTimes(due, opened, rules, calendar).Where(t => t > after));
                var overdueAt = TaskSchedule.OverdueAt(due);
                if (overdueAt > after)
                {
                    times.Add(overdueAt);
                }
            }
        }

        return times.ToList();
    }

    /// <summary>The office is reminded on the phase's last day that the phase is due to be advanced.</summary>
    public static DateTimeOffset EndReminderAt(Phase phase, ScheduleRules rules)
    {
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(rules);
        return ShanghaiTime.StartOf(phase.End) + rules.ReminderTime.ToTimeSpan();
    }

    /// <summary>Days from <paramref name="today"/> to the phase's end, both counted; negative calendar days once it has run over.</summary>
    public static PhaseDaysLeft DaysLeft(Phase phase, DateOnly today, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(calendar);
        var calendarDays = phase.End.DayNumber - today.DayNumber + 1;
        var workingDays = calendarDays > 0 ? calendar.WorkingDaysBetween(today.AddDays(-1), phase.End) : 0;
        return new PhaseDaysLeft(calendarDays, workingDays);
    }
}

/// <summary>The day the campaign entered a phase (on its start date, or earlier when the office started it).</summary>
public sealed record PhaseEntry(string PhaseKey, DateOnly On);

/// <summary>剩余天数 of a phase: calendar days and working days, today included.</summary>
public sealed record PhaseDaysLeft(int CalendarDays, int WorkingDays);
