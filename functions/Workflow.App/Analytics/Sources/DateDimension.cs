using System.Runtime.CompilerServices;
using Workflow.Domain.Calendar;

namespace Workflow.App.Analytics.Sources;

/// <summary>DimDate: every day of the years the working calendar knows, with the State Council's holidays and 调休.</summary>
public sealed class DateDimension : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "DimDate",
        ExportTableKind.Dimension,
        "one row per calendar day of each year with an official holiday schedule",
        "the year, e.g. 2020",
        [
            new("DateKey", ColumnType.Date, "the day (China date)"),
            new("Year", ColumnType.Int, "calendar year"),
            new("Quarter", ColumnType.Int, "1–4"),
            new("Month", ColumnType.Int, "1–12"),
            new("Day", ColumnType.Int, "day of month"),
            new("DayOfWeek", ColumnType.Int, "1 = Monday … 7 = Sunday"),
            new("YearMonth", ColumnType.String, "yyyy-MM, for monthly axes"),
            new("IsWeekend", ColumnType.Bool, "Saturday or Sunday"),
            new("IsHoliday", ColumnType.Bool, "a day off of an official holiday (法定节假日放假)"),
            new("HolidayName", ColumnType.String, "the holiday's name, e.g. 春节", Nullable: true),
            new("IsMakeUpWorkday", ColumnType.Bool, "a weekend day worked in exchange (调休上班)"),
            new("IsWorkingDay", ColumnType.Bool, "a working day by WorkingCalendar: durations in working days count these"),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var calendar = WorkingCalendar.China;
        foreach (var year in calendar.Years)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var schedule = calendar.ScheduleFor(year);
            var holidays = schedule.Holidays.SelectMany(h => Days(h.From, h.To).Select(d => (Day: d, h.Name))).ToDictionary(x => x.Day, x => x.Name);
            var makeUp = schedule.MakeUpWorkdays.Select(w => w.Date).ToHashSet();
            foreach (var day in Days(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)))
            {
                var dayOfWeek = day.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)day.DayOfWeek;
                yield return new ExportRow(year.ToString(System.Globalization.CultureInfo.InvariantCulture), day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                [
                    day, day.Year, (day.Month + 2) / 3, day.Month, day.Day, dayOfWeek, day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                    dayOfWeek >= 6, holidays.ContainsKey(day), holidays.GetValueOrDefault(day), makeUp.Contains(day), calendar.IsWorkingDay(day),
                ]);
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
