namespace Workflow.Domain.Calendar;

/// <summary>
/// 工作日: Monday to Friday, minus the State Council's days off, plus its make-up working weekends (调休). Only years
/// with a <see cref="HolidaySchedule"/> can be answered; any other year is a <see cref="CalendarYearNotAvailableException"/>.
/// </summary>
public sealed class WorkingCalendar
{
    private static readonly Lazy<WorkingCalendar> Shipped =
        new(() => new WorkingCalendar(EmbeddedData.ReadAll<HolidaySchedule>("Calendar.Holidays")));

    private readonly Dictionary<int, YearDays> _years;

    public WorkingCalendar(IEnumerable<HolidaySchedule> schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        _years = schedules.Select(s => s.Checked()).ToDictionary(s => s.Year, s => new YearDays(s));
    }

    /// <summary>The calendar built from the holiday files shipped in Calendar/Holidays.</summary>
    public static WorkingCalendar China => Shipped.Value;

    public IReadOnlyList<int> Years => _years.Keys.Order().ToList();

    public HolidaySchedule ScheduleFor(int year) => DaysOf(year).Schedule;

    public bool IsWorkingDay(DateOnly date) => DaysOf(date.Year).IsWorkingDay(date);

    /// <summary>
    /// The date that is <paramref name="workingDays"/> working days after <paramref name="date"/> (before it, when
    /// negative): “5个工作日内” from Monday 2 March is Monday 9 March. The start date itself is never counted, working
    /// day or not, so 0 returns the start date unchanged.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        var step = Math.Sign(workingDays);
        var remaining = Math.Abs(workingDays);
        var current = date;
        while (remaining > 0)
        {
            current = current.AddDays(step);
            if (IsWorkingDay(current))
            {
                remaining--;
            }
        }

        return current;
    }

    /// <summary>Working days in (<paramref name="start"/>, <paramref name="end"/>]; negative when end is before start. Inverse of <see cref="AddWorkingDays"/>.</summary>
    public int WorkingDaysBetween(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            return -WorkingDaysBetween(end, start);
        }

        var count = 0;
        for (var day = start.AddDays(1); day <= end; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    private YearDays DaysOf(int year) =>
        _years.TryGetValue(year, out var days) ? days : throw new CalendarYearNotAvailableException(year, Years);

    private sealed class YearDays
    {
        private readonly HashSet<DateOnly> _daysOff = [];
        private readonly HashSet<DateOnly> _makeUpWorkdays;

        internal YearDays(HolidaySchedule schedule)
        {
            Schedule = schedule;
            foreach (var holiday in schedule.Holidays)
            {
                for (var day = holiday.From; day <= holiday.To; day = day.AddDays(1))
                {
                    _daysOff.Add(day);
                }
            }

            _makeUpWorkdays = schedule.MakeUpWorkdays.Select(w => w.Date).ToHashSet();
        }

        internal HolidaySchedule Schedule { get; }

        internal bool IsWorkingDay(DateOnly date) =>
            _makeUpWorkdays.Contains(date) || (!HolidaySchedule.IsWeekend(date) && !_daysOff.Contains(date));
    }
}
