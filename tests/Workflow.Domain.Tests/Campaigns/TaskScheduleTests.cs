using Workflow.Domain.Calendar;
using Workflow.Domain.Campaigns;
using Workflow.Domain.Plans;

namespace Workflow.Domain.Tests.Campaigns;

/// <summary>
/// What a plan task owes and when (报送节点), its reminders on the real working calendar (5 and 1 working days before,
/// 09:00 Beijing, across 清明, 劳动节 and 国庆), 逾期 at the start of the next day, and its status.
/// </summary>
public class TaskScheduleTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly WorkingCalendar China = WorkingCalendar.China;
    private static readonly ScheduleRules Rules = ScheduleRules.Default;
    private static readonly AnnualPlan Taonan = PlanTemplates.For("220881", 2018);
    private static readonly AnnualPlan Lufeng = PlanTemplates.For("532331", 2020);

    internal static PlanTask Task(Deadline deadline, string? phase = null, string number = "1") =>
        new(number, null, "测试任务", "目标", null, deadline, phase, ["县领导"], ["扶贫办"], [], [], null);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static DateTimeOffset At(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, Beijing);

    private static DuePoint Deadline(DateOnly date, DateOnly opened) =>
        Assert.Single(TaskSchedule.DuePoints(Task(new Deadline(null, date, false)), opened, Taonan, Rules));

    [Fact]
    public void RemindersBeforeTheDayAfterNationalDayFallOnTheMakeUpWorkingWeekendAt9Beijing()
    {
        // 2018: 10/1–10/7 off; Saturday 9/29 and Sunday 9/30 are make-up working days.
        var due = Deadline(D(2018, 10, 8), D(2018, 8, 1));

        var reminders = TaskSchedule.ReminderTimes(due, D(2018, 8, 1), Rules, China);

        Assert.Equal([At(2018, 9, 26, 9), At(2018, 9, 30, 9)], reminders);
        Assert.All(reminders, r => Assert.Equal(Beijing, r.Offset));
    }

    [Fact]
    public void RemindersBeforeTheDayAfterQingmingSkipTheHolidayAndUseTheMakeUpSunday()
    {
        // 2018: 清明 4/5–4/7 off; Sunday 4/8 worked.
        var due = Deadline(D(2018, 4, 9), D(2018, 3, 20));

        Assert.Equal([At(2018, 3, 30, 9), At(2018, 4, 8, 9)], TaskSchedule.ReminderTimes(due, D(2018, 3, 20), Rules, China));
    }

    [Fact]
    public void RemindersBeforeLabourDaySkipTheHoliday()
    {
        // 2018: 劳动节 4/29–5/1 off; Saturday 4/28 worked. Due Wednesday 5/2.
        var due = Deadline(D(2018, 5, 2), D(2018, 3, 20));

        Assert.Equal([At(2018, 4, 24, 9), At(2018, 4, 28, 9)], TaskSchedule.ReminderTimes(due, D(2018, 3, 20), Rules, China));
    }

    [Fact]
    public void AReminderBeforeTheTaskOpenedIsNotSent()
    {
        var opened = D(2018, 6, 27);
        var due = Deadline(D(2018, 6, 29), opened);

        Assert.Equal([At(2018, 6, 28, 9)], TaskSchedule.ReminderTimes(due, opened, Rules, China));
    }

    [Fact]
    public void ATaskOpenedAfterItsDeadlineOwesThePlansDateAndIsOverdueOnceOpen()
    {
        // 禄丰's 2020 plan started on 7 December 2026: the 6月30日 task was due in 2020, as the board says of its phase.
        var task = Task(new Deadline(null, D(2020, 6, 30), false));
        var opened = D(2026, 12, 7);

        var due = Assert.Single(TaskSchedule.DuePoints(task, opened, Lufeng, Rules));

        Assert.Equal(D(2020, 6, 30), due.Date);
        Assert.Equal("due-20200630", due.Key);
        Assert.Empty(TaskSchedule.ReminderTimes(due, opened, Rules, China));
        Assert.Equal(TrackedTaskStatus.Overdue, TaskSchedule.StatusAt(task, opened, [due], [], At(2026, 12, 7, 10)));
        Assert.Equal(TrackedTaskStatus.Completed, TaskSchedule.StatusAt(task, opened, [due], [new ReportFact(At(2026, 12, 8, 10), true)], At(2026, 12, 9)));
    }

    [Theory]
    [InlineData("due-20200630", DuePointKind.Deadline, "2020-06-30")]
    [InlineData("cycle-20180430", DuePointKind.Cycle, "2018-04-30")]
    [InlineData("report-20200320", DuePointKind.CountyReport, "2020-03-20")]
    public void AKeyNamesItsKindAndDate(string key, DuePointKind kind, string date) =>
        Assert.Equal((kind, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)), TaskSchedule.ReadKey(key));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("due-2020063")]
    [InlineData("other-20200630")]
    [InlineData("due-20200630-x")]
    public void AKeyTheScheduleDidNotMakeNamesNothing(string? key) => Assert.Null(TaskSchedule.ReadKey(key));

    [Fact]
    public void OverdueAtTheStartOfTheDayAfterTheDueDateInBeijing()
    {
        var due = Deadline(D(2018, 6, 30), D(2018, 3, 20));

        Assert.Equal(At(2018, 7, 1), TaskSchedule.OverdueAt(due));
        Assert.Equal(new DateTimeOffset(2018, 6, 30, 16, 0, 0, TimeSpan.Zero), TaskSchedule.OverdueAt(due).ToUniversalTime());
    }

    [Fact]
    public void StatusIsNotStartedInProgressOverdueAndCompletedAtTheRightInstants()
    {
        var task = Task(new Deadline(null, D(2018, 6, 30), false));
        var opened = D(2018, 3, 20);
        var points = TaskSchedule.DuePoints(task, opened, Taonan, Rules);
        ReportFact[] none = [];

        Assert.Equal(TrackedTaskStatus.NotStarted, TaskSchedule.StatusAt(task, null, points, none, At(2018, 7, 5)));
        Assert.Equal(TrackedTaskStatus.NotStarted, TaskSchedule.StatusAt(task, opened, points, none, At(2018, 3, 19, 23, 59)));
        Assert.Equal(TrackedTaskStatus.InProgress, TaskSchedule.StatusAt(task, opened, points, none, At(2018, 3, 20)));
        Assert.Equal(TrackedTaskStatus.InProgress, TaskSchedule.StatusAt(task, opened, points, none, At(2018, 6, 30, 23, 59)));
        Assert.Equal(TrackedTaskStatus.Overdue, TaskSchedule.StatusAt(task, opened, points, none, At(2018, 7, 1)));
        Assert.Equal(TrackedTaskStatus.InProgress, TaskSchedule.StatusAt(task, opened, points, [new ReportFact(At(2018, 5, 1, 10), false)], At(2018, 6, 1)));
        Assert.Equal(TrackedTaskStatus.Overdue, TaskSchedule.StatusAt(task, opened, points, [new ReportFact(At(2018, 5, 1, 10), false)], At(2018, 7, 1)));
        Assert.Equal(TrackedTaskStatus.Completed, TaskSchedule.StatusAt(task, opened, points, [new ReportFact(At(2018, 6, 30, 22), true)], At(2018, 7, 2)));
    }

    [Fact]
    public void AnOngoingTaskReportsOncePerMonthToTheEndOfThePlan()
    {
        var task = Task(new Deadline(null, null, true));

        var points = TaskSchedule.DuePoints(task, D(2018, 3, 20), Taonan, Rules);

        Assert.Equal(10, points.Count);
        Assert.All(points, p => Assert.Equal(DuePointKind.Cycle, p.Kind));
        Assert.Equal((D(2018, 3, 20), D(2018, 3, 31), "cycle-20180331"), (points[0].WindowStart, points[0].Date, points[0].Key));
        Assert.Equal((D(2018, 4, 1), D(2018, 4, 30)), (points[1].WindowStart, points[1].Date));
        Assert.Equal(D(2018, 12, 31), points[^1].Date);
    }

    [Fact]
    public void AnOngoingTaskWithADateReachesItFirstAndReportsMonthlyAfterIt()
    {
        // “6月30日、长期坚持”.
        var task = Task(new Deadline(null, D(2018, 6, 30), true));

        var points = TaskSchedule.DuePoints(task, D(2018, 3, 20), Taonan, Rules);

        Assert.Equal((DuePointKind.Deadline, D(2018, 6, 30)), (points[0].Kind, points[0].Date));
        Assert.Equal(["cycle-20180731", "cycle-20180831", "cycle-20180930", "cycle-20181031", "cycle-20181130", "cycle-20181231"], points.Skip(1).Select(p => p.Key));
        Assert.Equal(D(2018, 7, 1), points[1].WindowStart);
    }

    [Fact]
    public void AnOngoingTaskStaysInProgressWhileItReportsEachMonthAndIsOverdueAfterAMissedMonth()
    {
        var task = Task(new Deadline(null, null, true));
        var opened = D(2018, 3, 20);
        var points = TaskSchedule.DuePoints(task, opened, Taonan, Rules);
        ReportFact[] march = [new(At(2018, 3, 28, 10), false)];
        ReportFact[] marchAndApril = [.. march, new(At(2018, 4, 27, 10), false)];

        Assert.Equal(TrackedTaskStatus.InProgress, TaskSchedule.StatusAt(task, opened, points, march, At(2018, 4, 30, 23)));
        Assert.Equal(TrackedTaskStatus.Overdue, TaskSchedule.StatusAt(task, opened, points, march, At(2018, 5, 1)));
        Assert.Equal(TrackedTaskStatus.InProgress, TaskSchedule.StatusAt(task, opened, points, marchAndApril, At(2018, 5, 1)));
        // A completion report does not end a 长期坚持 task.
        Assert.Equal(TrackedTaskStatus.Overdue, TaskSchedule.StatusAt(task, opened, points, [new(At(2018, 3, 28, 10), true)], At(2018, 5, 1)));
        Assert.Equal("cycle-20180430", TaskSchedule.NextOpen(task, points, march)!.Key);
    }

    [Fact]
    public void The_towns_half_monthly_meeting_task_owes_two_reports_a_month()
    {
        // 002 task 3: “各乡镇每半月组织召开一次……‘扶贫工作专题党委会’” — the template gives the task its own cadence (issue 20, 4.7).
        var meetings = Taonan.Tasks.Single(t => t.Number == "3");
        Assert.Equal(ReportingCycle.HalfMonthly, meetings.Cadence);

        var april = TaskSchedule.DuePoints(meetings, D(2018, 3, 20), Taonan, Rules).Where(p => p.Kind == DuePointKind.Cycle && p.Date.Month == 4).ToList();

        Assert.Equal([D(2018, 4, 15), D(2018, 4, 30)], april.Select(p => p.Date));
        Assert.Equal([D(2018, 4, 1), D(2018, 4, 16)], april.Select(p => p.WindowStart));
    }

    [Fact]
    public void The_quarterly_project_check_task_owes_one_report_a_quarter_and_a_monthly_one_three()
    {
        // 002 task 9: “每季度对全市‘六大产业’扶贫项目和乡镇自主谋划项目的运营情况检查一次”, reached by 30 June, then kept up.
        var projects = Taonan.Tasks.Single(t => t.Number == "9");
        var monthly = Taonan.Tasks.Single(t => t.Number == "13");
        Assert.Equal((ReportingCycle.Quarterly, ReportingCycle.Monthly), (projects.Cadence, monthly.Cadence));

        var quarterly = TaskSchedule.DuePoints(projects, D(2018, 3, 20), Taonan, Rules).Where(p => p.Kind == DuePointKind.Cycle).Select(p => p.Date);
        var thirdQuarter = TaskSchedule.DuePoints(monthly, D(2018, 3, 20), Taonan, Rules).Count(p => p.Kind == DuePointKind.Cycle && p.Date.Month is >= 7 and <= 9);

        Assert.Equal([D(2018, 9, 30), D(2018, 12, 31)], quarterly);
        Assert.Equal(3, thirdQuarter);
    }

    [Fact]
    public void A_task_that_reports_once_owes_only_its_deadline_and_a_plan_without_cadences_keeps_the_rules_cycle()
    {
        var once = Task(new Deadline(null, D(2018, 6, 30), true)) with { Cadence = ReportingCycle.Once };
        var unset = Task(new Deadline(null, D(2018, 6, 30), true));

        Assert.Equal([DuePointKind.Deadline], TaskSchedule.DuePoints(once, D(2018, 3, 20), Taonan, Rules).Select(p => p.Kind));
        Assert.Equal(6, TaskSchedule.DuePoints(unset, D(2018, 3, 20), Taonan, Rules).Count(p => p.Kind == DuePointKind.Cycle));
        Assert.All(Lufeng.Tasks, t => Assert.Equal(ReportingCycle.Once, t.Cadence));
    }

    [Fact]
    public void AQuarterlyCycleReportsAtQuarterEnds()
    {
        var points = TaskSchedule.DuePoints(Task(new Deadline(null, null, true)), D(2018, 2, 10), Taonan, Rules with { Cycle = ReportingCycle.Quarterly });

        Assert.Equal([D(2018, 3, 31), D(2018, 6, 30), D(2018, 9, 30), D(2018, 12, 31)], points.Select(p => p.Date));
        Assert.Equal(D(2018, 2, 10), points[0].WindowStart);
    }

    [Fact]
    public void LufengTasksOweTheCountyReportsOfMarchJuneAndSeptemberWithConsecutiveWindows()
    {
        var task = Lufeng.Tasks.Single(t => t.Number == "一");

        var points = TaskSchedule.DuePoints(task, D(2020, 1, 1), Lufeng, Rules);

        Assert.Equal(
            [
                ("report-20200320", DuePointKind.CountyReport, D(2020, 1, 1), D(2020, 3, 20)),
                ("report-20200620", DuePointKind.CountyReport, D(2020, 3, 21), D(2020, 6, 20)),
                ("report-20200920", DuePointKind.CountyReport, D(2020, 6, 21), D(2020, 9, 20)),
                ("due-20201030", DuePointKind.Deadline, D(2020, 1, 1), D(2020, 10, 30)),
            ],
            points.Select(p => (p.Key, p.Kind, p.WindowStart, p.Date)));
    }

    [Fact]
    public void ATaskOpenedLaterOwesOnlyTheReportsStillAheadAndItsWindowStartsWhenItOpened()
    {
        var task = Lufeng.Tasks.Single(t => t.Number == "一");

        var points = TaskSchedule.DuePoints(task, D(2020, 4, 1), Lufeng, Rules);

        Assert.Equal(["report-20200620", "report-20200920", "due-20201030"], points.Select(p => p.Key));
        Assert.Equal(D(2020, 4, 1), points[0].WindowStart);
    }

    [Fact]
    public void ACountyReportIsMetByAReportInItsWindowNotByAnEarlierOne()
    {
        var points = TaskSchedule.DuePoints(Lufeng.Tasks.Single(t => t.Number == "一"), D(2020, 1, 1), Lufeng, Rules);
        var june = points.Single(p => p.Key == "report-20200620");

        Assert.False(TaskSchedule.IsMet(Lufeng.Tasks[0], june, [new ReportFact(At(2020, 3, 18, 10), false)]));
        Assert.True(TaskSchedule.IsMet(Lufeng.Tasks[0], june, [new ReportFact(At(2020, 3, 21, 10), false)]));
        Assert.True(TaskSchedule.IsMet(Lufeng.Tasks[0], june, [new ReportFact(At(2020, 6, 25, 10), false)]));
    }

    [Fact]
    public void ACompletedTaskOwesNoFurtherCountyReports()
    {
        // 禄丰 task 二 is due 6/30; done in May, it must not turn 逾期 at the 9/20 report date nor be reminded of it.
        var task = Lufeng.Tasks.Single(t => t.Number == "二");
        var opened = D(2020, 1, 1);
        var points = TaskSchedule.DuePoints(task, opened, Lufeng, Rules);
        ReportFact[] reports = [new(At(2020, 3, 19, 10), false), new(At(2020, 5, 10, 10), true)];

        Assert.Equal(TrackedTaskStatus.Completed, TaskSchedule.StatusAt(task, opened, points, reports, At(2020, 9, 21, 1)));
        Assert.True(TaskSchedule.IsMet(task, points.Single(p => p.Key == "report-20200920"), reports));
        Assert.Null(TaskSchedule.NextOpen(task, points, reports));
    }

    [Fact]
    public void AReportDateMissedIsOverdueEvenBeforeTheTasksOwnDeadline()
    {
        var task = Lufeng.Tasks.Single(t => t.Number == "一");
        var opened = D(2020, 1, 1);
        var points = TaskSchedule.DuePoints(task, opened, Lufeng, Rules);

        Assert.Equal(TrackedTaskStatus.Overdue, TaskSchedule.StatusAt(task, opened, points, [], At(2020, 3, 21)));
        Assert.Equal(TrackedTaskStatus.InProgress, TaskSchedule.StatusAt(task, opened, points, [new(At(2020, 3, 20, 17), false)], At(2020, 3, 21)));
    }

    [Fact]
    public void ADeadlineBeforeTheTaskOpenedStaysThePlansDate()
    {
        var point = Deadline(D(2018, 4, 30), D(2018, 5, 2));

        Assert.Equal((D(2018, 4, 30), D(2018, 4, 30)), (point.WindowStart, point.Date));
    }

    [Fact]
    public void ATaskWithItsOwnStartOpensThenNotEarlier()
    {
        var task = Task(new Deadline(D(2018, 3, 20), D(2018, 4, 30), true));

        Assert.Equal(D(2018, 3, 20), TaskSchedule.OpensOn(task, D(2018, 3, 1)));
        Assert.Equal(D(2018, 3, 25), TaskSchedule.OpensOn(task, D(2018, 3, 25)));
    }
}
