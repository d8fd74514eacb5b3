using Workflow.Domain.Calendar;

namespace Workflow.Domain.Rectification;

/// <summary>
/// The overdue rules (001, 003, 004): an item not submitted by its deadline gets a 督办单 giving it
/// <see cref="WorkingDays"/> more working days; missing that deadline too leads to 约谈. A deadline date is met until
/// midnight at its end, Beijing time.
/// </summary>
public sealed record SupervisionPolicy(int WorkingDays)
{
    public const int DefaultWorkingDays = 5;

    public static SupervisionPolicy Default { get; } = new(DefaultWorkingDays);

    /// <summary>The instant a deadline date has passed: the start of the next day in Beijing.</summary>
    public static DateTimeOffset OverdueAt(DateOnly deadline) => ShanghaiTime.StartOf(deadline.AddDays(1));

    /// <summary>
    /// The 督办单's deadline for a notice issued at <paramref name="issuedAt"/>: that many working days after the issue
    /// date. In a year whose holidays are not published the days are counted Monday to Friday.
    /// </summary>
    public DateOnly NoticeDeadline(DateTimeOffset issuedAt, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (WorkingDays < 1)
        {
            throw new InvalidOperationException($"A 督办单 must give at least one working day; {WorkingDays} is configured.");
        }

        var issued = ShanghaiTime.DateOf(issuedAt);
        try
        {
            return calendar.AddWorkingDays(issued, WorkingDays);
        }
        catch (CalendarYearNotAvailableException)
        {
            var date = issued;
            for (var left = WorkingDays; left > 0;)
            {
                date = date.AddDays(1);
                if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    left--;
                }
            }

            return date;
        }
    }
}
