using Workflow.Domain.Calendar;
using Workflow.Domain.Exits;

namespace Workflow.Domain.Tests.Exits;

public class StepDeadlineTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly ProcedureStep FiveDays = ExitProcedureCatalog.National.Step(ExitProcedure.Appraisal);

    [Fact]
    public void AnOrdinaryWeekIsDueFiveWorkingDaysLaterAtTheSameBeijingTime()
    {
        var deadline = StepDeadline.For(FiveDays, new DateTimeOffset(2026, 3, 2, 10, 0, 0, Beijing), WorkingCalendar.China);

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 10, 0, 0, Beijing), deadline.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 10, 0, 0, Beijing), deadline.RemindAt);
        Assert.False(deadline.Provisional);
    }

    [Fact]
    public void NationalDaySkipsTheHolidayAndCountsTheMakeUpSaturday()
    {
        // Opened on 30 September: 1–7 October are off, Saturday 10 October is a make-up working day.
        var deadline = StepDeadline.For(FiveDays, new DateTimeOffset(2026, 9, 30, 10, 0, 0, Beijing), WorkingCalendar.China);

        Assert.Equal(new DateTimeOffset(2026, 10, 13, 10, 0, 0, Beijing), deadline.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 12, 10, 0, 0, Beijing), deadline.RemindAt);
    }

    [Fact]
    public void TheDateIsTheBeijingDateNotTheUtcDate()
    {
        // 23:30 UTC on Sunday is 07:30 on Monday in Beijing: Monday is the day the step opened.
        var deadline = StepDeadline.For(FiveDays, new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero), WorkingCalendar.China);

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 7, 30, 0, Beijing), deadline.DueAt);
    }

    [Fact]
    public void AYearWithoutAPublishedScheduleCountsWeekdaysAndSaysSo()
    {
        var deadline = StepDeadline.For(FiveDays, new DateTimeOffset(2026, 12, 29, 9, 0, 0, Beijing), WorkingCalendar.China);

        Assert.True(deadline.Provisional);
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 9, 0, 0, Beijing), deadline.DueAt);
    }

    [Fact]
    public void AStepNobodyDecidesHasNoDeadline()
    {
        Assert.Throws<ArgumentException>(() =>
            StepDeadline.For(ExitProcedureCatalog.National.Step(ExitProcedure.Notice), DateTimeOffset.UnixEpoch, WorkingCalendar.China));
    }
}
