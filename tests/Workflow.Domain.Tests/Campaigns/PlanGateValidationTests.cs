using Workflow.Domain.Plans;
using Workflow.Domain.Rectification;

namespace Workflow.Domain.Tests.Campaigns;

/// <summary>The plan's gates as <see cref="PlanValidator"/> checks them: every problem reported in zh-CN, where it is.</summary>
public class PlanGateValidationTests
{
    private static readonly AnnualPlan Taonan = PlanTemplates.For("220881", 2018);

    private static AnnualPlan WithGates(int phase, params PhaseGate[] gates) =>
        Taonan with { Phases = Taonan.Phases.Select((p, i) => i == phase ? p with { Gates = gates } : p).ToList() };

    [Fact]
    public void TheShippedTemplatesAreValidWithTheirGates()
    {
        Assert.Empty(PlanValidator.Validate(Taonan));
        Assert.Empty(PlanValidator.Validate(PlanTemplates.For("532331", 2020)));
    }

    [Fact]
    public void FindingsEnteredWithoutASourceIsReported() =>
        Assert.Equal([new PlanProblem("阶段「考核评估」", "推进条件“反馈问题已录入”须指明问题来源")],
            PlanValidator.Validate(WithGates(1, new PhaseGate(GateKind.FindingsEntered, GateMoment.Close))));

    [Fact]
    public void RectificationClosedWithASourceIsReported() =>
        Assert.Equal([new PlanProblem("阶段「迎检验收」", "推进条件“整改问题全部销号”不区分来源，不应指明问题来源")],
            PlanValidator.Validate(WithGates(3, new PhaseGate(GateKind.RectificationClosed, GateMoment.Enter, FindingSource.National))));

    [Fact]
    public void AnEntryGateOnTheFirstPhaseIsReportedAsNeverChecked() =>
        Assert.Equal([new PlanProblem("阶段「百日会战」", "第一个阶段按日期或由县扶贫办直接启动，不经推进，进入条件不会被检查")],
            PlanValidator.Validate(WithGates(0, new PhaseGate(GateKind.RectificationClosed, GateMoment.Enter))));

    [Fact]
    public void AClosingGateOnTheFirstPhaseIsFine() =>
        Assert.Empty(PlanValidator.Validate(WithGates(0, new PhaseGate(GateKind.RectificationClosed, GateMoment.Close))));

    [Fact]
    public void ARepeatedGateIsReported() =>
        Assert.Equal([new PlanProblem("阶段「迎检验收」", "推进条件重复")],
            PlanValidator.Validate(WithGates(3, new PhaseGate(GateKind.RectificationClosed, GateMoment.Enter), new PhaseGate(GateKind.RectificationClosed, GateMoment.Enter))));

    [Fact]
    public void AnUnknownGateKindIsReportedNotLeftToFailWhenTheBoardDescribesIt() =>
        // JSON numbers deserialize into any enum value: {"kind": 7} reaches the validator as GateKind 7.
        Assert.Equal([new PlanProblem("阶段「考核评估」", "推进条件种类“7”无法识别：应为 RectificationClosed（整改问题全部销号）或 FindingsEntered（反馈问题已录入）")],
            PlanValidator.Validate(WithGates(1, new PhaseGate((GateKind)7, GateMoment.Close))));

    [Fact]
    public void AnUnknownGateMomentIsReported() =>
        Assert.Equal([new PlanProblem("阶段「考核评估」", "推进条件的检查时点“5”无法识别：应为 Enter（进入阶段前）或 Close（结束阶段前）")],
            PlanValidator.Validate(WithGates(1, new PhaseGate(GateKind.RectificationClosed, (GateMoment)5))));

    [Fact]
    public void AnUnknownFindingSourceIsReported() =>
        Assert.Equal([new PlanProblem("阶段「考核评估」", "推进条件的问题来源“42”无法识别")],
            PlanValidator.Validate(WithGates(1, new PhaseGate(GateKind.FindingsEntered, GateMoment.Close, (FindingSource)42))));

    [Fact]
    public void EveryGateProblemOfEveryPhaseIsReportedAtOnce()
    {
        var plan = Taonan with
        {
            Phases =
            [
                Taonan.Phases[0] with { Gates = [new PhaseGate(GateKind.FindingsEntered, GateMoment.Enter)] },
                Taonan.Phases[1] with { Gates = [new PhaseGate((GateKind)9, GateMoment.Close)] },
                .. Taonan.Phases.Skip(2),
            ],
        };

        var problems = PlanValidator.Validate(plan);

        Assert.Equal(3, problems.Count);
        Assert.Equal(2, problems.Count(p => p.Where == "阶段「百日会战」"));
    }
}
