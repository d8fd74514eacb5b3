namespace Workflow.Domain.Calendar;

/// <summary>
/// 工作日: Monday to Friday, minus the State Council's days off, plus its make-up working weekends (调休). Only years
/// with a <see cref="HolidaySchedule"/> can be answered; any other year is a <see cref="CalendarYearNotAvailableException"/>,
/// unless the calendar was made <see cref="WithWeekendsWhereUnpublished">to count such a year by weekends</see>.
/// </summary>
public sealed class WorkingCalendar
{
    private static readonly Lazy<WorkingCalendar> Shipped =
        new(() => new WorkingCalendar(EmbeddedData.ReadAll<HolidaySchedule>("Calendar.Holidays")));

    private readonly Dictionary<int, YearDays> _years;

    /// <summary>Whether a year without a schedule counts Monday to Friday as working days instead of being refused.</summary>
    private readonly bool _weekendsWhereUnpublished;

    public WorkingCalendar(IEnumerable<HolidaySchedule> schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        _years = schedules.Select(s => s.Checked()).ToDictionary(s => s.Year, s => new YearDays(s));
    }

    private WorkingCalendar(Dictionary<int, YearDays> years, bool weekendsWhereUnpublished)
    {
        _years = years;
        _weekendsWhereUnpublished = weekendsWhereUnpublished;
    }

    /// <summary>The calendar built from the holiday files shipped in Calendar/Holidays.</summary>
    public static WorkingCalendar China => Shipped.Value;

    /// <summary>The years whose holiday schedule is published (and shipped).</summary>
    public IReadOnlyList<int> Years => _years.Keys.Order().ToList();

    public bool IsPublished(int year) => _years.ContainsKey(year);

    /// <summary>
    /// This calendar, answering a year whose State Council schedule is not published yet (it comes out in the autumn
    /// before: 2026's on 4 November 2025) by the working week alone: Monday to Friday worked, Saturday and Sunday off, as
    /// 国务院关于职工工作时间的规定 (国务院令第174号) 第七条 sets for state organs. Its festivals and 调休 are unknown until
    /// then, so a date counted in such a year is provisional: whoever shows it says so (<see cref="IsPublished"/>).
    /// </summary>
    public WorkingCalendar WithWeekendsWhereUnpublished() => new(_years, weekendsWhereUnpublished: true);

    public HolidaySchedule ScheduleFor(int year) => DaysOf(year).Schedule;

    public bool IsWorkingDay(DateOnly date) =>
        _years.TryGetValue(date.Year, out var days) ? days.IsWorkingDay(date)
        : _weekendsWhereUnpublished ? !HolidaySchedule.IsWeekend(date)
        : throw new CalendarYearNotAvailableException(date.Year, Years);

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
