using Workflow.Domain.Calendar;

namespace Workflow.Domain.Tests.Calendar;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar China = WorkingCalendar.China;

    [Fact]
    public void TheShippedYearsAreAvailable() =>
        Assert.Equal([2018, 2019, 2020, 2021, 2026], China.Years);

    [Theory]
    [InlineData("2018-02-11", true)]  // Sunday worked for 春节
    [InlineData("2018-02-16", false)] // 春节
    [InlineData("2018-12-29", true)]  // Saturday worked for 元旦 2019 (2019 notice)
    [InlineData("2018-12-31", false)] // 元旦 2019 break
    [InlineData("2019-05-03", false)] // 劳动节 as extended by 国办发明电〔2019〕3号
    [InlineData("2019-05-05", true)]  // Sunday worked for it
    [InlineData("2020-01-19", true)]  // Sunday worked for 春节
    [InlineData("2020-01-31", false)] // 春节 extended to 2 February (国办发明电〔2020〕1号)
    [InlineData("2020-02-01", false)] // the Saturday that was to be worked, cancelled by the extension
    [InlineData("2020-02-03", true)]  // back to work
    [InlineData("2020-10-08", false)] // 国庆节、中秋节
    [InlineData("2020-10-10", true)]  // Saturday worked
    [InlineData("2021-09-18", true)]  // Saturday worked for 中秋节
    [InlineData("2026-01-04", true)]  // Sunday worked for 元旦
    [InlineData("2026-02-23", false)] // last day of the nine-day 春节
    [InlineData("2026-02-28", true)]  // Saturday worked for 春节
    [InlineData("2026-03-02", true)]  // an ordinary Monday
    [InlineData("2026-03-07", false)] // an ordinary Saturday
    public void KnownDaysAreClassifiedAsTheNoticesSay(string date, bool working) =>
        Assert.Equal(working, China.IsWorkingDay(Day(date)));

    [Theory]
    [InlineData("2020-03-02", 5, "2020-03-09")]  // an ordinary week
    [InlineData("2020-09-25", 5, "2020-10-09")]  // Sunday 27 Sept is worked, 1–8 Oct are off
    [InlineData("2018-12-28", 2, "2019-01-02")]  // across the year, Saturday 29 Dec counted
    [InlineData("2020-01-22", 2, "2020-02-03")]  // into the extended Spring Festival
    [InlineData("2020-03-07", 0, "2020-03-07")]  // zero days: the start date, even on a weekend
    [InlineData("2020-10-09", -5, "2020-09-25")] // counting back
    public void AddingWorkingDays(string start, int days, string expected) =>
        Assert.Equal(Day(expected), China.AddWorkingDays(Day(start), days));

    [Theory]
    [InlineData(2018, 250)]
    [InlineData(2019, 250)]
    [InlineData(2020, 249)] // 251 in the original notice, less two days by the Spring Festival extension
    [InlineData(2021, 250)]
    [InlineData(2026, 248)]
    public void WorkingDaysInAYear(int year, int expected)
    {
        var days = Enumerable.Range(0, DateTime.IsLeapYear(year) ? 366 : 365).Select(i => new DateOnly(year, 1, 1).AddDays(i));

        Assert.Equal(expected, days.Count(China.IsWorkingDay));
        Assert.Equal(expected, China.WorkingDaysBetween(new DateOnly(year, 1, 1).AddDays(-1), new DateOnly(year, 12, 31)));
    }

    [Fact]
    public void AYearWithoutAScheduleIsATypedError()
    {
        var error = Assert.Throws<CalendarYearNotAvailableException>(() => China.IsWorkingDay(new DateOnly(2022, 3, 1)));

        Assert.Equal(2022, error.Year);
        Assert.Contains("2018, 2019, 2020, 2021, 2026", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountingIntoAYearWithoutAScheduleIsATypedError()
    {
        var error = Assert.Throws<CalendarYearNotAvailableException>(() => China.AddWorkingDays(new DateOnly(2021, 12, 30), 5));

        Assert.Equal(2022, error.Year);
    }

    [Fact]
    public void ACalendarCountingUnpublishedYearsByWeekendsKeepsThePublishedOnesAndFlagsTheRest()
    {
        var ahead = China.WithWeekendsWhereUnpublished();

        // 2027's schedule is not published: Friday 1 January (元旦) counts as worked, the weekend after it does not.
        Assert.False(ahead.IsPublished(2027));
        Assert.True(ahead.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.False(ahead.IsWorkingDay(new DateOnly(2027, 1, 2)));
        Assert.Equal(new DateOnly(2027, 1, 5), ahead.AddWorkingDays(new DateOnly(2026, 12, 29), 5));
        // A published year is still the State Council's: 国庆 off, Saturday 10 October 2026 worked.
        Assert.True(ahead.IsPublished(2026));
        Assert.False(ahead.IsWorkingDay(new DateOnly(2026, 10, 1)));
        Assert.True(ahead.IsWorkingDay(new DateOnly(2026, 10, 10)));
        // The shipped calendar itself still refuses to guess.
        Assert.Throws<CalendarYearNotAvailableException>(() => China.IsWorkingDay(new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void EachFileNamesTheNoticeItFollows()
    {
        Assert.All(China.Years, year => Assert.Contains("国务院办公厅", China.ScheduleFor(year).Source, StringComparison.Ordinal));
        Assert.Contains("国办发明电〔2020〕1号", China.ScheduleFor(2020).Source, StringComparison.Ordinal);
    }

    [Fact]
    public void AMakeUpWorkdayOnAWeekdayIsRejected()
    {
        var schedule = new HolidaySchedule(2030, "test", [], [new MakeUpWorkday("春节", new DateOnly(2030, 2, 4))]);

        Assert.Throws<InvalidDataException>(() => new WorkingCalendar([schedule]));
    }

    [Fact]
    public void AHolidayOutsideItsYearIsRejected()
    {
        var schedule = new HolidaySchedule(2030, "test", [new HolidayBreak("元旦", new DateOnly(2029, 12, 31), new DateOnly(2030, 1, 1))], []);

        Assert.Throws<InvalidDataException>(() => new WorkingCalendar([schedule]));
    }

    private static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
