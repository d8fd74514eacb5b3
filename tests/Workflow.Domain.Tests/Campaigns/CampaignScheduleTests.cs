using FsCheck;
using FsCheck.Fluent;
using Workflow.Domain.Calendar;
using Workflow.Domain.Campaigns;
using Workflow.Domain.Plans;

namespace Workflow.Domain.Tests.Campaigns;

/// <summary>
/// The campaign's calendar: which tasks a phase opens and when, the instants the orchestration wakes at (phase start,
/// reminders, 逾期, the phase's last day), taken one after another so that those missed while the worker was down
/// still come, each once and in order.
/// </summary>
public class CampaignScheduleTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly WorkingCalendar China = WorkingCalendar.China;
    private static readonly ScheduleRules Rules = ScheduleRules.Default;
    private static readonly AnnualPlan Taonan = PlanTemplates.For("220881", 2018);
    private static readonly AnnualPlan Lufeng = PlanTemplates.For("532331", 2020);
    private static readonly Config Properties = Config.QuickThrowOnFailure.WithMaxTest(200);

    private static DateTimeOffset At(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, Beijing);

    private static IReadOnlyList<PhaseEntry> TaonanEntered => [new("HundredDayCampaign", new DateOnly(2018, 3, 20))];

    [Fact]
    public void APhaseStartsAtMidnightBeijingOfItsStartDate()
    {
        var start = ShanghaiTime.StartOf(Taonan.Phases[0].Start);

        Assert.Equal(At(2018, 3, 20), start);
        Assert.Equal(new DateTimeOffset(2018, 3, 19, 16, 0, 0, TimeSpan.Zero), start.ToUniversalTime());
        Assert.Equal([At(2018, 3, 20), At(2018, 7, 1), At(2018, 8, 1), At(2018, 11, 1)], Taonan.Phases.Select(p => ShanghaiTime.StartOf(p.Start)));
    }

    [Fact]
    public void APhaseOpensItsOwnTasksAndTheFirstPhaseOpensThoseTiedToNone()
    {
        Assert.Equal(30, Taonan.Tasks.Count(t => CampaignSchedule.Opens(Taonan, "HundredDayCampaign", t)));
        Assert.Equal(0, Taonan.Tasks.Count(t => CampaignSchedule.Opens(Taonan, "Assessment", t)));
        Assert.Equal(20, Lufeng.Tasks.Count(t => CampaignSchedule.Opens(Lufeng, "SpringOffensive", t)));
        Assert.Equal(0, Lufeng.Tasks.Count(t => CampaignSchedule.Opens(Lufeng, "SummerUpgrade", t)));
    }

    [Fact]
    public void ATaskOpensWhenItsPhaseIsEnteredOrAtItsOwnLaterStart()
    {
        var first = Taonan.Tasks[0]; // 3月20日—4月30日、长期坚持
        var earlyEntry = new PhaseEntry("HundredDayCampaign", new DateOnly(2018, 3, 12));

        Assert.Null(CampaignSchedule.OpenedOn(Taonan, first, []));
        Assert.Equal(new DateOnly(2018, 3, 20), CampaignSchedule.OpenedOn(Taonan, first, [earlyEntry]));
        Assert.Equal(new DateOnly(2018, 3, 12), CampaignSchedule.OpenedOn(Taonan, Taonan.Tasks[1], [earlyEntry]));
    }

    [Fact]
    public void TheNextMomentAfterTheStartOfHundredDayCampaignIsTheFirstReminderAt9()
    {
        // Monthly reports of the 长期坚持 tasks are due 3/31 (Saturday): 5 working days before is Monday 3/26.
        var next = CampaignSchedule.ReviewTimes(Taonan, TaonanEntered, At(2018, 3, 20), Rules, China)[0];

        Assert.Equal(At(2018, 3, 26, 9), next);
    }

    [Fact]
    public void TheMomentsOfJuneEndIncludeTheRemindersAndTheOverdueAtMidnight()
    {
        var times = CampaignSchedule.ReviewTimes(Taonan, TaonanEntered, At(2018, 6, 20), Rules, China).TakeWhile(t => t <= At(2018, 7, 1)).ToList();

        // 6/30 is a Saturday: 5 and 1 working days before are Monday 6/25 and Friday 6/29; 逾期 at 7/1 00:00.
        Assert.Equal([At(2018, 6, 25, 9), At(2018, 6, 29, 9), At(2018, 7, 1)], times);
    }

    [Fact]
    public void NothingIsScheduledBeforeAnyPhaseIsEntered() =>
        Assert.Empty(CampaignSchedule.ReviewTimes(Taonan, [], At(2018, 1, 1), Rules, China));

    [Fact]
    public void ThePhaseEndReminderIsAt9OnItsLastDay() =>
        Assert.Equal(At(2018, 6, 30, 9), CampaignSchedule.EndReminderAt(Taonan.Phases[0], Rules));

    [Fact]
    public void DaysLeftCountTodayAndTurnNegativeOnceThePhaseRunsOver()
    {
        var hundred = Taonan.Phases[0];

        Assert.Equal(new PhaseDaysLeft(1, 0), CampaignSchedule.DaysLeft(hundred, new DateOnly(2018, 6, 30), China));
        Assert.Equal(new PhaseDaysLeft(3, 2), CampaignSchedule.DaysLeft(hundred, new DateOnly(2018, 6, 28), China));
        Assert.Equal(new PhaseDaysLeft(-2, 0), CampaignSchedule.DaysLeft(hundred, new DateOnly(2018, 7, 3), China));
    }

    /// <summary>Instants from 1 January to the end of the plan, on the hour and at odd minutes.</summary>
    private static Arbitrary<DateTimeOffset> InstantsOf(AnnualPlan plan) => Arb.From(
        from day in Gen.Choose(0, plan.End.DayNumber - plan.Start.DayNumber)
        from minute in Gen.Choose(0, 24 * 60 - 1)
        select ShanghaiTime.StartOf(plan.Start.AddDays(day)).AddMinutes(minute));

    [Fact]
    public void MomentsComeAfterTheInstantStrictlyInOrderAndAreTheTailOfTheWholeSchedule()
    {
        var all = CampaignSchedule.ReviewTimes(Taonan, TaonanEntered, DateTimeOffset.MinValue, Rules, China);

        Check.One(Properties, Prop.ForAll(InstantsOf(Taonan), after =>
        {
            var times = CampaignSchedule.ReviewTimes(Taonan, TaonanEntered, after, Rules, China);
            return times.All(t => t > after)
                   && times.Zip(times.Skip(1)).All(p => p.First < p.Second)
                   && times.SequenceEqual(all.Where(t => t > after));
        }));
    }

    [Fact]
    public void ReviewingOneMomentAfterAnotherAfterADowntimeMeetsEveryMissedMomentOnceInOrder()
    {
        // The orchestration asks for the next moment after the last one reviewed, not after now: a worker down from
        // 6/10 to 7/3 still reviews every reminder and 逾期 in between, each once and in order.
        var entered = new List<PhaseEntry> { new("SpringOffensive", new DateOnly(2020, 1, 1)) };
        var (downFrom, backAt) = (At(2020, 6, 10), At(2020, 7, 3));
        var missed = CampaignSchedule.ReviewTimes(Lufeng, entered, downFrom, Rules, China).Where(t => t <= backAt).ToList();

        var reviewed = new List<DateTimeOffset>();
        for (var last = downFrom; CampaignSchedule.ReviewTimes(Lufeng, entered, last, Rules, China) is [var next, ..] && next <= backAt; last = next)
        {
            reviewed.Add(next);
        }

        Assert.True(missed.Count >= 5, $"Only {missed.Count} moments in the downtime: the test shows little.");
        Assert.Equal(missed, reviewed);
    }

    [Fact]
    public void NoReminderFallsOnANonWorkingDayAndEachIsAt9BeforeItsDueDate()
    {
        var tasks = Arb.From(
            from task in Gen.Elements(Lufeng.Tasks.Concat(Taonan.Tasks).ToArray())
            from opened in Gen.Choose(0, 200)
            select (task, opened));

        Check.One(Properties, Prop.ForAll(tasks, pick =>
        {
            var plan = Lufeng.Tasks.Contains(pick.task) ? Lufeng : Taonan;
            var opened = plan.Start.AddDays(pick.opened);
            return TaskSchedule.DuePoints(pick.task, opened, plan, Rules).All(due =>
                TaskSchedule.ReminderTimes(due, opened, Rules, China).All(r =>
                    China.IsWorkingDay(ShanghaiTime.DateOf(r))
                    && TimeOnly.FromDateTime(r.ToOffset(Beijing).DateTime) == new TimeOnly(9, 0)
                    && ShanghaiTime.DateOf(r) >= opened
                    && r < TaskSchedule.OverdueAt(due)));
        }));
    }

    [Fact]
    public void DuePointsAreInDateOrderWithDistinctKeysAndWindowsNeverAfterTheirDates()
    {
        var tasks = Arb.From(
            from task in Gen.Elements(Lufeng.Tasks.Concat(Taonan.Tasks).ToArray())
            from opened in Gen.Choose(0, 300)
            select (task, opened));

        Check.One(Properties, Prop.ForAll(tasks, pick =>
        {
            var plan = Lufeng.Tasks.Contains(pick.task) ? Lufeng : Taonan;
            var points = TaskSchedule.DuePoints(pick.task, plan.Start.AddDays(pick.opened), plan, Rules);
            return points.Zip(points.Skip(1)).All(p => p.First.Date <= p.Second.Date)
                   && points.Select(p => p.Key).Distinct().Count() == points.Count
                   && points.All(p => p.WindowStart <= p.Date);
        }));
    }
}
