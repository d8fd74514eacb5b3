using Workflow.Domain.Plans;

namespace Workflow.Domain.Tests.Plans;

/// <summary>The shipped templates against what seeds 002 (洮南 2018) and 004 (禄丰 2020) say.</summary>
public class PlanTemplateTests
{
    private static readonly AnnualPlan Taonan = PlanTemplates.For("220881", 2018);
    private static readonly AnnualPlan Lufeng = PlanTemplates.For("532331", 2020);

    private static PlanTask Task(AnnualPlan plan, string number) => plan.Tasks.Single(t => t.Number == number);

    [Fact]
    public void TaonanHasFourPhasesWithTheDocumentsDates()
    {
        Assert.Equal(
            [
                ("百日会战", new DateOnly(2018, 3, 20), new DateOnly(2018, 6, 30)),
                ("考核评估", new DateOnly(2018, 7, 1), new DateOnly(2018, 7, 31)),
                ("百日整改", new DateOnly(2018, 8, 1), new DateOnly(2018, 10, 31)),
                ("迎检验收", new DateOnly(2018, 11, 1), new DateOnly(2018, 12, 31)),
            ],
            Taonan.Phases.Select(p => (p.Name, p.Start, p.End)));
        Assert.Equal(["HundredDayCampaign", "Assessment", "HundredDayRectification", "AcceptanceInspection"], Taonan.Phases.Select(p => p.Key));
    }

    [Fact]
    public void TaonanHasTwentyNineTasksInEightAreas()
    {
        var work = Taonan.Tasks.Where(t => t.Rectification is null).ToList();

        Assert.Equal(29, work.Count);
        Assert.Equal(Enumerable.Range(1, 29).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), work.Select(t => t.Number));
        Assert.Equal(
            [("组织推动", 4), ("精准识别退出", 2), ("档案资料管理", 2), ("产业项目", 4), ("政策落实", 7), ("社会扶贫", 1), ("人居环境改善", 7), ("经济收入", 2)],
            work.GroupBy(t => t.Area).Select(g => (g.Key!, g.Count())));
        Assert.Equal(8, Taonan.Areas.Count);
        Assert.All(work, t => Assert.Equal("HundredDayCampaign", t.Phase));
    }

    [Fact]
    public void TaonanRectifiesEighteenProblemsInSixAreasByThirtiethApril()
    {
        var rectification = Assert.Single(Taonan.Tasks, t => t.Rectification is not null);

        Assert.Equal(new RectificationScope(18, 6), rectification.Rectification);
        Assert.Equal(new Deadline(new DateOnly(2018, 3, 20), new DateOnly(2018, 4, 30), Ongoing: true), rectification.Deadline);
        Assert.Equal("集中发力整改，确保各类问题清仓见底", rectification.Title);
        Assert.Equal(["各事涉部门"], rectification.LeadUnits);
    }

    [Theory]
    [InlineData("1", "驻村工作时间", "组织部", null, true, "相关市级领导")]
    [InlineData("4", "群众满意度", "扶贫办", "2018-06-30", true, "王天昊")]
    [InlineData("5", "贫困发生率", "扶贫办", "2018-06-30", true, "王天昊")]
    [InlineData("9", "项目收益率", "扶贫办", "2018-06-30", true, "王天昊")]
    [InlineData("16", "农村新型合作医疗", "农合办", null, true, "吴爽")]
    [InlineData("17", "安全住房", "住建局", "2018-09-30", false, "石文博")]
    [InlineData("20", "社会帮扶", "宣传部", "2018-09-30", false, "董春玲")]
    [InlineData("24", "广播电视台及通讯设施", "广播电台", "2018-06-30", true, "吴爽")]
    [InlineData("26", "村办公场所", "组织部", "2018-06-30", false, "赵广顺")]
    [InlineData("29", "年人均纯收入", "扶贫办", "2018-06-30", true, "王天昊")]
    public void TaonanTasksMatchTheDocument(string number, string title, string leadUnit, string? date, bool ongoing, string leader)
    {
        var task = Task(Taonan, number);

        Assert.Equal(title, task.Title);
        Assert.Equal([leadUnit], task.LeadUnits);
        Assert.Equal(date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), task.Deadline.Date);
        Assert.Equal(ongoing, task.Deadline.Ongoing);
        Assert.Equal(leader, task.Leaders[0]);
        Assert.False(string.IsNullOrWhiteSpace(task.Target));
        Assert.False(string.IsNullOrWhiteSpace(task.Measures));
    }

    [Fact]
    public void TaonanEducationIsLedByTheEducationBureauWhichCarriesItsPolicies()
    {
        // 002 task 13 lists 宣传部 first, but its 工作措施 open “教育局负责落实上级各项补助政策及我市教育扶贫相关政策”.
        var task = Task(Taonan, "13");

        Assert.Equal("教育扶贫", task.Title);
        Assert.Equal(["教育局"], task.LeadUnits);
        Assert.Equal(["宣传部", "扶贫办", "交通局"], task.CooperatingUnits);
    }

    [Fact]
    public void TaonanTaskTextIsTranscribedNotParaphrased()
    {
        Assert.Equal("确保全市综合贫困发生率低于2%。", Task(Taonan, "5").Target);
        Assert.Equal("确保贫困村村集体收入达到5万元的100%，达到10万元的80%以上。", Task(Taonan, "28").Target);
        Assert.Equal(["移动公司", "联通公司", "电信公司", "吉视传媒"], Task(Taonan, "24").CooperatingUnits);
        Assert.Equal(["康明礼", "孙秀昌", "各乡镇党委书记"], Task(Taonan, "8").ResponsiblePersons);
        Assert.StartsWith("农经总站负责指导各乡镇", Task(Taonan, "28").Measures, StringComparison.Ordinal);
    }

    [Fact]
    public void LufengHasFourSeasonalActionsEndingInJanuaryOfTheNextYear()
    {
        Assert.Equal(
            [
                ("春季攻势行动", new DateOnly(2020, 1, 1), new DateOnly(2020, 3, 31)),
                ("夏季提升行动", new DateOnly(2020, 4, 1), new DateOnly(2020, 6, 30)),
                ("秋季巩固行动", new DateOnly(2020, 7, 1), new DateOnly(2020, 9, 30)),
                ("冬季决战行动", new DateOnly(2020, 10, 1), new DateOnly(2021, 1, 31)),
            ],
            Lufeng.Phases.Select(p => (p.Name, p.Start, p.End)));
        Assert.Equal([8, 10, 8, 8], Lufeng.Phases.Select(p => p.Activities.Count));
        Assert.Equal("研究下发2020年度脱贫攻坚任务计划、挂牌督战方案、财政专项扶贫资金和项目下达通知。", Lufeng.Phases[0].Activities[0]);
    }

    [Fact]
    public void LufengHasTwentyWorkItemsAndThreeReportDates()
    {
        Assert.Equal(20, Lufeng.Tasks.Count);
        Assert.Equal([new DateOnly(2020, 3, 20), new DateOnly(2020, 6, 20), new DateOnly(2020, 9, 20)], Lufeng.ReportDeadlines);
        Assert.All(Lufeng.Tasks, t => Assert.False(t.Deadline.Ongoing));
    }

    [Theory]
    [InlineData("一", "产业扶贫成效提升工程", "邝华然", "县农业农村局", "2020-10-30")]
    [InlineData("三", "住房安全保障工程", "罗文学", "县住房城乡建设局", "2020-06-30")]
    [InlineData("七", "健康扶贫成效提升工程", "普春燕", "县卫生健康局", "2020-12-31")]
    [InlineData("十", "消费扶贫成效提升工程", "王颖", "县商务局", "2020-10-30")]
    [InlineData("十九", "扶贫领域腐败和作风问题专项治理工程", "孟继祖", "县纪委监委", "2020-12-31")]
    [InlineData("二十", "做好配合国家脱贫攻坚普查准备", "邝华然", "国家统计局禄丰调查队", "2020-08-31")]
    public void LufengWorkItemsMatchTheDocument(string number, string title, string leader, string leadUnit, string deadline)
    {
        var task = Task(Lufeng, number);

        Assert.Equal(title, task.Title);
        Assert.Equal(leader, task.Leaders[0]);
        Assert.Equal(leadUnit, task.LeadUnits[0]);
        Assert.Equal(DateOnly.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture), task.Deadline.Date);
        Assert.Contains("各乡镇党委、政府", task.CooperatingUnits);
    }

    [Fact]
    public void LufengWorkItemsWithSeveralLeadsKeepThemAll()
    {
        Assert.Equal(["周晓红", "朱国相"], Task(Lufeng, "十一").Leaders);
        Assert.Equal(["县委统战部", "县工商联"], Task(Lufeng, "十一").LeadUnits);
        Assert.Equal(["罗文学", "邝华然", "普春燕"], Task(Lufeng, "十三").Leaders);
        Assert.Equal(["县民政局", "县人力资源社会保障局", "县残联"], Task(Lufeng, "十三").LeadUnits);
    }

    [Fact]
    public void BothTemplatesValidateClean()
    {
        Assert.Equal(2, PlanTemplates.All.Count);
        Assert.All(PlanTemplates.All, plan => Assert.Empty(PlanValidator.Validate(plan)));
    }

    [Fact]
    public void AMissingTemplateIsReported() =>
        Assert.Throws<KeyNotFoundException>(() => PlanTemplates.For("220881", 2019));
}
