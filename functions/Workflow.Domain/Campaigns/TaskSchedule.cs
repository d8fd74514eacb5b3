using System.Globalization;
using Workflow.Domain.Calendar;
using Workflow.Domain.Plans;

namespace Workflow.Domain.Campaigns;

/// <summary>
/// The schedule rules of plan tasks: what a task owes and when (<see cref="DuePoints"/>), when its unit is reminded,
/// when it is 逾期, and its status at an instant. A date in the documents is met until midnight in Beijing, so a
/// due point becomes overdue at the start of the next day.
/// </summary>
public static class TaskSchedule
{
    /// <summary>
    /// The task's due points from the day it opened to the end of the plan, by date: its 完成时限; for a 长期坚持 task
    /// one report per cycle of its own <see cref="PlanTask.Cadence"/> or else the rules' (after the 完成时限 when it has one); and each of the plan's county-wide report dates. The
    /// 完成时限 is the plan's date even when the task opened after it (its phase entered late, or a past year's plan
    /// started now): the board measures the phase against the plan's dates, and the task list must agree with it.
    /// </summary>
    public static IReadOnlyList<DuePoint> DuePoints(PlanTask task, DateOnly opened, AnnualPlan plan, ScheduleRules rules)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rules);
        var points = new List<DuePoint>();
        if (task.Deadline.Date is { } date)
        {
            // A completion report counts whenever it comes; the window only never starts after the date.
            points.Add(new DuePoint(Key(DuePointKind.Deadline, date), DuePointKind.Deadline, date < opened ? date : opened, date));
        }

        var cycle = task.Cadence ?? rules.Cycle;
        if (task.Deadline.Ongoing && cycle != ReportingCycle.Once)
        {
            var from = task.Deadline.Date is { } reached && reached > opened ? reached.AddDays(1) : opened;
            for (var end = CycleEnd(from, cycle); end <= plan.End; end = CycleEnd(end.AddDays(1), cycle))
            {
                points.Add(new DuePoint(Key(DuePointKind.Cycle, end), DuePointKind.Cycle, from, end));
                from = end.AddDays(1);
            }
        }

        var previous = plan.Start;
        foreach (var reportBy in plan.ReportDeadlines.Order())
        {
            if (reportBy >= opened)
            {
                points.Add(new DuePoint(Key(DuePointKind.CountyReport, reportBy), DuePointKind.CountyReport, previous > opened ? previous : opened, reportBy));
            }

            previous = reportBy.AddDays(1);
        }

        return points.OrderBy(p => p.Date).ThenBy(p => p.Kind).ToList();
    }

    /// <summary>The instant a due point becomes 逾期: the start of the day after its date, Beijing time.</summary>
    public static DateTimeOffset OverdueAt(DuePoint due)
    {
        ArgumentNullException.ThrowIfNull(due);
        return ShanghaiTime.StartOf(due.Date.AddDays(1));
    }

    /// <summary>The reminders of a due point: the working days the rules name before its date, not before the task opened.</summary>
    public static IReadOnlyList<DateTimeOffset> ReminderTimes(DuePoint due, DateOnly opened, ScheduleRules rules, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(calendar);
        return rules.ReminderWorkingDays
            .Select(days => calendar.AddWorkingDays(due.Date, -days))
            .Where(day => day >= opened && day <= due.Date)
            .Distinct()
            .Order()
            .Select(day => ShanghaiTime.StartOf(day) + rules.ReminderTime.ToTimeSpan())
            .ToList();
    }

    /// <summary>
    /// A 完成时限 is met by a report that the target is reached; a periodic point by any report in or after its window.
    /// A task that is not 长期坚持 owes nothing more once its target is reached: its later county-wide report dates are met.
    /// </summary>
    public static bool IsMet(PlanTask task, DuePoint due, IEnumerable<ReportFact> reports)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(reports);
        var completed = reports.Any(r => r.Completed);
        var inWindow = reports.Any(r => ShanghaiTime.DateOf(r.At) >= due.WindowStart);
        return due.Kind == DuePointKind.Deadline ? completed : inWindow || (completed && !task.Deadline.Ongoing);
    }

    /// <summary>The task's status at <paramref name="now"/>; <paramref name="opened"/> is null while its phase has not been entered.</summary>
    public static TrackedTaskStatus StatusAt(PlanTask task, DateOnly? opened, IReadOnlyList<DuePoint> duePoints, IReadOnlyList<ReportFact> reports, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(duePoints);
        if (opened is not { } day || now < ShanghaiTime.StartOf(day))
        {
            return TrackedTaskStatus.NotStarted;
        }

        if (duePoints.Any(d => now >= OverdueAt(d) && !IsMet(task, d, reports)))
        {
            return TrackedTaskStatus.Overdue;
        }

        return !task.Deadline.Ongoing && reports.Any(r => r.Completed) ? TrackedTaskStatus.Completed : TrackedTaskStatus.InProgress;
    }

    /// <summary>The next due point not yet met, if any: what a reminder or the task list names as 下一报送节点.</summary>
    public static DuePoint? NextOpen(PlanTask task, IReadOnlyList<DuePoint> duePoints, IReadOnlyList<ReportFact> reports)
    {
        ArgumentNullException.ThrowIfNull(duePoints);
        return duePoints.FirstOrDefault(d => !IsMet(task, d, reports));
    }

    /// <summary>The day a task opens: the day its phase was entered, or its own start (“3月20日—4月30日”) when later.</summary>
    public static DateOnly OpensOn(PlanTask task, DateOnly phaseEntered)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Deadline.From is { } from && from > phaseEntered ? from : phaseEntered;
    }

    private static DateOnly CycleEnd(DateOnly day, ReportingCycle cycle)
    {
        if (cycle == ReportingCycle.HalfMonthly && day.Day <= 15)
        {
            return new DateOnly(day.Year, day.Month, 15);
        }

        var months = cycle == ReportingCycle.Quarterly ? 3 - ((day.Month - 1) % 3) : 1;
        var first = new DateOnly(day.Year, day.Month, 1).AddMonths(months);
        return first.AddDays(-1);
    }

    /// <summary>
    /// What a due point's key names, its kind and date, or null for a key <see cref="DuePoints"/> does not make: a report
    /// link carries only the key, and its page names the point as the task list does (2020-06-30 完成时限).
    /// </summary>
    public static (DuePointKind Kind, DateOnly Date)? ReadKey(string? key)
    {
        if (key?.Split('-') is not [var prefix, var day]
            || !DateOnly.TryParseExact(day, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return null;
        }

        foreach (var (kind, name) in KeyKinds)
        {
            if (name == prefix)
            {
                return (kind, date);
            }
        }

        return null;
    }

    private static readonly (DuePointKind Kind, string Prefix)[] KeyKinds =
        [(DuePointKind.Deadline, "due"), (DuePointKind.Cycle, "cycle"), (DuePointKind.CountyReport, "report")];

    private static string Key(DuePointKind kind, DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{KeyKinds.Single(k => k.Kind == kind).Prefix}-{date:yyyyMMdd}");
}
