using Workflow.Domain.Calendar;

namespace Workflow.Domain.Exits;

/// <summary>
/// When a decision step is due and when its reminder goes out, in working days from the moment it opened: due at
/// the same Beijing time of day <see cref="ProcedureStep.SlaWorkingDays"/> working days later, reminded
/// <see cref="ProcedureStep.RemindWorkingDaysBefore"/> working days before that.
/// </summary>
/// <param name="RemindAt">Null when the step has no reminder.</param>
/// <param name="Provisional">
/// True when a date fell in a year whose holiday schedule is not published yet; those days were counted Monday to
/// Friday, so the deadline may move by the holidays once the schedule is added.
/// </param>
public sealed record StepDeadline(DateTimeOffset? RemindAt, DateTimeOffset DueAt, bool Provisional)
{
    public static StepDeadline For(ProcedureStep step, DateTimeOffset openedAt, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(calendar);
        if (step.Kind != ExitStepKind.Decision)
        {
            throw new ArgumentException($"Step {step.Code} is not decided by anyone and has no deadline.", nameof(step));
        }

        var local = TimeZoneInfo.ConvertTime(openedAt, ShanghaiTime.Zone);
        var opened = DateOnly.FromDateTime(local.DateTime);
        var counting = calendar.WithWeekendsWhereUnpublished();
        var due = counting.AddWorkingDays(opened, step.SlaWorkingDays);

        // The days counted run from the day after opening to the due date: any of their years unpublished makes it provisional.
        var provisional = Enumerable.Range(opened.AddDays(1).Year, due.Year - opened.AddDays(1).Year + 1).Any(year => !calendar.IsPublished(year));
        DateTimeOffset? remind = step.RemindWorkingDaysBefore > 0
            ? At(counting.AddWorkingDays(opened, step.SlaWorkingDays - step.RemindWorkingDaysBefore))
            : null;
        return new StepDeadline(remind, At(due), provisional);

        DateTimeOffset At(DateOnly date) => ShanghaiTime.StartOf(date) + local.TimeOfDay;
    }
}
