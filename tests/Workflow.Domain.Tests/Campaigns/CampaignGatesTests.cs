using Workflow.Domain.Campaigns;
using Workflow.Domain.Plans;
using Workflow.Domain.Rectification;

namespace Workflow.Domain.Tests.Campaigns;

/// <summary>
/// The gates of an advance (推进条件): which are checked (the closing gates of the phase left, the entry gates of the
/// phase entered), what each asks of the ledger, and every blocker named in zh-CN.
/// </summary>
public class CampaignGatesTests
{
    private static readonly AnnualPlan Taonan = PlanTemplates.For("220881", 2018);
    private static readonly AnnualPlan Lufeng = PlanTemplates.For("532331", 2020);

    private static readonly GateFacts Nothing = new([], new Dictionary<FindingSource, int>());

    private static readonly OpenRectificationItem Archive = new("ZG-001", FindingSource.ThirdPartyEvaluation, "部分贫困户档案信息不一致", "扶贫办", new DateOnly(2018, 10, 31), "整改中");
    private static readonly OpenRectificationItem Dividend = new("ZG-002", FindingSource.Audit, "村级项目收益分配不规范", "农经总站", new DateOnly(2018, 9, 30), "已提交");

    [Fact]
    public void ABlockerFromACountysOwnSourceNamesThatSourceNotTheGenericTerm()
    {
        // 禄丰's spring offensive closes only with every finding rectified; 暗访督战 is a source 禄丰 adds (004, issue 20 item 4.4).
        var covert = new OpenRectificationItem("ZG-003", FindingSource.CountyDefined, "帮扶措施台账与实际不符", "县扶贫办", new DateOnly(2020, 3, 31), "整改中", "暗访督战");

        var check = Assert.Single(CampaignGates.Evaluate(Lufeng, "SpringOffensive", Nothing with { Unclosed = [covert] }));

        var blocker = Assert.Single(check.Blockers);
        Assert.Contains("（暗访督战）", blocker, StringComparison.Ordinal);
        Assert.DoesNotContain("本县增设来源", blocker, StringComparison.Ordinal);
    }

    [Fact]
    public void ClosingAssessmentChecksItsClosingGateAndNotTheEntryGateOfAPhaseTwoAhead()
    {
        var gates = CampaignGates.ForAdvance(Taonan, "Assessment");

        var (phase, gate) = Assert.Single(gates);
        Assert.Equal("Assessment", phase.Key);
        Assert.Equal(new PhaseGate(GateKind.FindingsEntered, GateMoment.Close, FindingSource.ThirdPartyEvaluation), gate);
    }

    [Fact]
    public void EnteringAcceptanceInspectionChecksItsEntryGate()
    {
        var (phase, gate) = Assert.Single(CampaignGates.ForAdvance(Taonan, "HundredDayRectification"));

        Assert.Equal(("AcceptanceInspection", GateKind.RectificationClosed, GateMoment.Enter), (phase.Key, gate.Kind, gate.At));
    }

    [Fact]
    public void AnAdvanceWithoutGatesAndTheLastPhaseHaveNothingToCheck()
    {
        Assert.Empty(CampaignGates.ForAdvance(Taonan, "HundredDayCampaign"));
        Assert.Empty(CampaignGates.ForAdvance(Taonan, "AcceptanceInspection"));
    }

    [Fact]
    public void ClosingGatesComeBeforeEntryGates()
    {
        var plan = Taonan with
        {
            Phases =
            [
                Taonan.Phases[0],
                Taonan.Phases[1],
                Taonan.Phases[2] with { Gates = [new PhaseGate(GateKind.FindingsEntered, GateMoment.Close, FindingSource.Provincial)] },
                Taonan.Phases[3],
            ],
        };

        var gates = CampaignGates.ForAdvance(plan, "HundredDayRectification");

        Assert.Equal([("HundredDayRectification", GateMoment.Close), ("AcceptanceInspection", GateMoment.Enter)], gates.Select(g => (g.Phase.Key, g.Gate.At)));
    }

    [Fact]
    public void AnUnknownPhaseIsAnError() =>
        Assert.Throws<ArgumentException>(() => CampaignGates.ForAdvance(Taonan, "NoSuchPhase"));

    [Fact]
    public void FindingsEnteredFailsUntilItsSourceHasAFindingAndNamesTheSourceInChinese()
    {
        var blocked = Assert.Single(CampaignGates.Evaluate(Taonan, "Assessment", new GateFacts([], new Dictionary<FindingSource, int> { [FindingSource.Audit] = 3 })));
        var passed = Assert.Single(CampaignGates.Evaluate(Taonan, "Assessment", new GateFacts([], new Dictionary<FindingSource, int> { [FindingSource.ThirdPartyEvaluation] = 1 })));

        Assert.False(blocked.Passed);
        Assert.Equal("结束「考核评估」前：已录入第三方评估反馈问题", blocked.Condition);
        Assert.Equal(["尚未录入第三方评估反馈问题"], blocked.Blockers);
        Assert.True(passed.Passed);
        Assert.Empty(passed.Blockers);
    }

    [Fact]
    public void RectificationClosedListsEveryOpenItemWithItsSourceUnitDeadlineAndStatus()
    {
        var check = Assert.Single(CampaignGates.Evaluate(Taonan, "HundredDayRectification", new GateFacts([Archive, Dividend], new Dictionary<FindingSource, int>())));

        Assert.False(check.Passed);
        Assert.Equal("AcceptanceInspection", check.PhaseKey);
        Assert.Equal("进入「迎检验收」前：整改问题全部销号", check.Condition);
        Assert.Equal(
            [
                "整改事项ZG-001（第三方评估）未销号：部分贫困户档案信息不一致；责任单位扶贫办，期限2018-10-31，状态整改中",
                "整改事项ZG-002（审计）未销号：村级项目收益分配不规范；责任单位农经总站，期限2018-09-30，状态已提交",
            ],
            check.Blockers);
    }

    [Fact]
    public void RectificationClosedPassesWithNoOpenItem() =>
        Assert.True(Assert.Single(CampaignGates.Evaluate(Taonan, "HundredDayRectification", Nothing)).Passed);

    [Fact]
    public void LufengClosesItsSpringOffensiveOnlyWithEveryEarlierFindingClosed()
    {
        var check = Assert.Single(CampaignGates.Evaluate(Lufeng, "SpringOffensive", new GateFacts([Archive], new Dictionary<FindingSource, int>())));

        Assert.Equal("结束「春季攻势行动」前：整改问题全部销号", check.Condition);
        Assert.Single(check.Blockers);
        Assert.Empty(CampaignGates.Evaluate(Lufeng, "SummerUpgrade", new GateFacts([Archive], new Dictionary<FindingSource, int>())));
    }

    [Fact]
    public void EveryGateOfAnAdvanceIsCheckedSoAllBlockersShowAtOnce()
    {
        var plan = Taonan with
        {
            Phases =
            [
                .. Taonan.Phases.Take(2),
                Taonan.Phases[2] with { Gates = [new PhaseGate(GateKind.FindingsEntered, GateMoment.Close, FindingSource.Provincial)] },
                Taonan.Phases[3],
            ],
        };

        var checks = CampaignGates.Evaluate(plan, "HundredDayRectification", new GateFacts([Archive, Dividend], new Dictionary<FindingSource, int>()));

        Assert.Equal(2, checks.Count);
        Assert.Equal(3, checks.Sum(c => c.Blockers.Count));
        Assert.Equal("尚未录入省检反馈问题", checks[0].Blockers.Single());
    }

    [Fact]
    public void AGateDescribesItsMomentAndCondition()
    {
        var phase = Taonan.Phases[1];

        Assert.Equal("进入「考核评估」前：整改问题全部销号", CampaignGates.Describe(phase, new PhaseGate(GateKind.RectificationClosed, GateMoment.Enter)));
        Assert.Equal("结束「考核评估」前：已录入巡察反馈问题", CampaignGates.Describe(phase, new PhaseGate(GateKind.FindingsEntered, GateMoment.Close, FindingSource.Inspection)));
    }
}
