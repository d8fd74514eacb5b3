using FsCheck;
using FsCheck.Fluent;
using Workflow.Domain.Calendar;

namespace Workflow.Domain.Tests.Calendar;

public class WorkingCalendarPropertyTests
{
    private static readonly WorkingCalendar China = WorkingCalendar.China;
    private static readonly Config Properties = Config.QuickThrowOnFailure.WithMaxTest(1000);

    /// <summary>Start dates up to late October, so that 30 working days never run into a year without a file (2022, 2027).</summary>
    private static readonly Gen<DateOnly> Dates =
        from year in Gen.Elements(China.Years.ToArray())
        from day in Gen.Choose(0, 300)
        select new DateOnly(year, 1, 1).AddDays(day);

    private static readonly Arbitrary<(DateOnly Start, int Days)> Steps =
        Arb.From(from start in Dates from days in Gen.Choose(0, 30) select (start, days));

    private static readonly MakeUpWorkday[] MakeUpWorkdays =
        China.Years.SelectMany(y => China.ScheduleFor(y).MakeUpWorkdays).ToArray();

    [Fact]
    public void AddingWorkingDaysLandsOnAWorkingDay() =>
        Check.One(Properties, Prop.ForAll(Steps, step =>
            step.Days == 0 || China.IsWorkingDay(China.AddWorkingDays(step.Start, step.Days))));

    [Fact]
    public void AddingNThenCountingBackGivesN() =>
        Check.One(Properties, Prop.ForAll(Steps, step =>
            China.WorkingDaysBetween(step.Start, China.AddWorkingDays(step.Start, step.Days)) == step.Days));

    [Fact]
    public void GoingForwardThenBackFromAWorkingDayReturnsToIt() =>
        Check.One(Properties, Prop.ForAll(Steps, step =>
            !China.IsWorkingDay(step.Start) || China.AddWorkingDays(China.AddWorkingDays(step.Start, step.Days), -step.Days) == step.Start));

    [Fact]
    public void CountsAgreeWithTheNoticesReadDirectly() =>
        Check.One(Properties, Prop.ForAll(Steps, step =>
        {
            var end = step.Start.AddDays(step.Days);
            var expected = Enumerable.Range(1, step.Days).Select(i => step.Start.AddDays(i)).Count(WorkingPerNotice);
            return China.WorkingDaysBetween(step.Start, end) == expected;
        }));

    [Fact]
    public void MakeUpWeekendsCountAsWorkingDays() =>
        Check.One(Properties, Prop.ForAll(Arb.From(Gen.Elements(MakeUpWorkdays)), workday =>
            workday.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
            && China.IsWorkingDay(workday.Date)
            && China.AddWorkingDays(workday.Date.AddDays(-1), 1) == workday.Date
            && China.WorkingDaysBetween(workday.Date.AddDays(-1), workday.Date) == 1));

    /// <summary>An independent reading of the data: worked if listed as 调休上班, otherwise a weekday outside every break.</summary>
    private static bool WorkingPerNotice(DateOnly date)
    {
        var schedule = China.ScheduleFor(date.Year);
        if (schedule.MakeUpWorkdays.Any(w => w.Date == date))
        {
            return true;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
            && !schedule.Holidays.Any(h => h.From <= date && date <= h.To);
    }
}
