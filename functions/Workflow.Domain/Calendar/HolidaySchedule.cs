namespace Workflow.Domain.Calendar;

/// <summary>
/// One year of the State Council holiday arrangement (国务院办公厅关于…年部分节假日安排的通知): the days off and the
/// weekend days that are worked instead (调休上班). Only dates inside <see cref="Year"/> belong here, so a break that
/// spans New Year is split between two files.
/// </summary>
/// <param name="Source">The notice (or notices) the dates were taken from.</param>
public sealed record HolidaySchedule(int Year, string Source, IReadOnlyList<HolidayBreak> Holidays, IReadOnlyList<MakeUpWorkday> MakeUpWorkdays)
{
    /// <summary>Rejects data that cannot be right: dates outside the year, or a make-up workday that is not a weekend.</summary>
    internal HolidaySchedule Checked()
    {
        var problems = new List<string>();
        foreach (var holiday in Holidays.Where(h => h.From > h.To || h.From.Year != Year || h.To.Year != Year))
        {
            problems.Add($"{holiday.Name} {holiday.From}–{holiday.To} is not a range inside {Year}");
        }

        foreach (var workday in MakeUpWorkdays.Where(w => w.Date.Year != Year || !IsWeekend(w.Date)))
        {
            problems.Add($"make-up workday {workday.Date} ({workday.Name}) is not a weekend day of {Year}");
        }

        return problems.Count == 0
            ? this
            : throw new InvalidDataException($"Holiday schedule {Year}: {string.Join("; ", problems)}.");
    }

    internal static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
