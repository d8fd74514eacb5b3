using Workflow.Domain.Plans;

namespace Workflow.Domain.Tests.Plans;

public class PlanValidatorTests
{
    private static readonly AnnualPlan Taonan = PlanTemplates.For("220881", 2018);

    private static AnnualPlan WithTask(AnnualPlan plan, string number, Func<PlanTask, PlanTask> change) =>
        plan with { Tasks = plan.Tasks.Select(t => t.Number == number ? change(t) : t).ToList() };

    [Fact]
    public void OverlappingPhasesAreReported()
    {
        var plan = Taonan with { Phases = [Taonan.Phases[0], Taonan.Phases[1] with { Start = new DateOnly(2018, 6, 30) }, .. Taonan.Phases.Skip(2)] };

        var problem = Assert.Single(PlanValidator.Validate(plan));

        Assert.Equal("阶段「考核评估」", problem.Where);
        Assert.Equal("与阶段「百日会战」时间重叠（「百日会战」于2018-06-30结束）", problem.Problem);
    }

    [Fact]
    public void PhasesOutOfOrderAreReported()
    {
        var plan = Taonan with { Phases = [Taonan.Phases[1], Taonan.Phases[0], .. Taonan.Phases.Skip(2)] };

        var problem = Assert.Single(PlanValidator.Validate(plan));

        Assert.Equal("阶段「百日会战」", problem.Where);
        Assert.Equal("应排在阶段「考核评估」之前：阶段须按时间先后排列", problem.Problem);
    }

    [Fact]
    public void APhaseEndingBeforeItStartsIsReported()
    {
        var plan = Taonan with { Phases = [Taonan.Phases[0] with { End = new DateOnly(2018, 3, 1) }, .. Taonan.Phases.Skip(1)] };

        Assert.Contains(PlanValidator.Validate(plan), p => p.Problem == "开始日期2018-03-20晚于结束日期2018-03-01");
    }

    [Fact]
    public void ATaskWithoutAUnitIsReported()
    {
        var plan = WithTask(Taonan, "26", t => t with { LeadUnits = [] });

        Assert.Equal([new PlanProblem("任务26「村办公场所」", "没有牵头（责任）单位")], PlanValidator.Validate(plan));
    }

    [Fact]
    public void ATaskWithoutADeadlineIsReported()
    {
        var plan = WithTask(Taonan, "26", t => t with { Deadline = new Deadline(null, null, Ongoing: false) });

        Assert.Equal([new PlanProblem("任务26「村办公场所」", "没有完成时限：应填写日期或“长期坚持”")], PlanValidator.Validate(plan));
    }

    [Fact]
    public void OngoingAloneIsAValidDeadline()
    {
        var plan = WithTask(Taonan, "26", t => t with { Deadline = new Deadline(null, null, Ongoing: true) });

        Assert.Empty(PlanValidator.Validate(plan));
    }

    [Fact]
    public void ADeadlineOutsideThePlansYearIsReported()
    {
        var plan = WithTask(Taonan, "17", t => t with { Deadline = new Deadline(null, new DateOnly(2019, 1, 15), false) });

        Assert.Equal([new PlanProblem("任务17「安全住房」", "完成时限2019-01-15不在计划期限2018-01-01至2018-12-31内")], PlanValidator.Validate(plan));
    }

    [Fact]
    public void ADeadlineInJanuaryIsFineWhenThePlanRunsIntoIt()
    {
        var lufeng = PlanTemplates.For("532331", 2020);
        var plan = lufeng with { Tasks = [lufeng.Tasks[0] with { Deadline = new Deadline(null, new DateOnly(2021, 1, 20), false) }, .. lufeng.Tasks.Skip(1)] };

        Assert.Empty(PlanValidator.Validate(plan));
    }

    [Fact]
    public void EveryProblemIsReturnedAtOnce()
    {
        var plan = Taonan with
        {
            Phases = [Taonan.Phases[0], Taonan.Phases[1] with { Start = new DateOnly(2018, 6, 1) }, .. Taonan.Phases.Skip(2)],
            Tasks =
            [
                .. Taonan.Tasks.Take(3),
                Taonan.Tasks[3] with { LeadUnits = [" "] },
                Taonan.Tasks[4] with { Deadline = new Deadline(null, null, false) },
                Taonan.Tasks[5] with { Deadline = new Deadline(null, new DateOnly(2019, 3, 1), true), Phase = "Unknown" },
                Taonan.Tasks[6] with { Number = "1" },
                .. Taonan.Tasks.Skip(7),
            ],
            ReportDeadlines = [new DateOnly(2017, 12, 20)],
        };

        var problems = PlanValidator.Validate(plan);

        Assert.Equal(7, problems.Count);
        Assert.Contains(problems, p => p.Problem.StartsWith("与阶段「百日会战」时间重叠", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Problem == "没有牵头（责任）单位");
        Assert.Contains(problems, p => p.Problem.StartsWith("没有完成时限", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Problem.StartsWith("完成时限2019-03-01", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Problem == "所属阶段「Unknown」不存在");
        Assert.Contains(problems, p => p.Problem == "任务编号1重复");
        Assert.Contains(problems, p => p.Problem.StartsWith("报送进展日期2017-12-20", StringComparison.Ordinal));
    }

    [Fact]
    public void ATemplateCopiedForAnotherCountyAndYearMovesEveryDate()
    {
        var copy = Taonan.CopyFor("220882", "大安市", 2019);

        Assert.Equal("大安市2019年脱贫攻坚决胜年实施方案", copy.Title);
        Assert.Equal(("220882", 2019), (copy.CountyCode, copy.Year));
        Assert.Equal(new DateOnly(2019, 3, 20), copy.Phases[0].Start);
        Assert.Equal(new DateOnly(2019, 12, 31), copy.Phases[3].End);
        Assert.Equal(new Deadline(new DateOnly(2019, 3, 20), new DateOnly(2019, 4, 30), true), copy.Tasks[0].Deadline);
        Assert.Equal(Taonan.Tasks.Count, copy.Tasks.Count);
        Assert.Empty(PlanValidator.Validate(copy));
        Assert.Equal(new DateOnly(2018, 3, 20), Taonan.Phases[0].Start);
    }

    [Fact]
    public void ACopiedPlanSpanningIntoTheNextYearStillValidates()
    {
        var copy = PlanTemplates.For("532331", 2020).CopyFor("532331", "禄丰市", 2024);

        Assert.Equal(new DateOnly(2025, 1, 31), copy.Phases[3].End);
        Assert.Equal(new DateOnly(2024, 9, 20), copy.ReportDeadlines[2]);
        Assert.Empty(PlanValidator.Validate(copy));
    }

    [Fact]
    public void DeadlinesReadAsTheDocumentsWriteThem()
    {
        Assert.Equal("2018年6月30日、长期坚持", new Deadline(null, new DateOnly(2018, 6, 30), true).ToString());
        Assert.Equal("2018年3月20日—2018年4月30日、长期坚持", Taonan.Tasks[0].Deadline.ToString());
        Assert.Equal("长期坚持", new Deadline(null, null, true).ToString());
    }
}
