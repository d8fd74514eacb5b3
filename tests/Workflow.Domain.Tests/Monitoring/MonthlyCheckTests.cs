using Workflow.Domain.Monitoring;
using Workflow.Domain.Register;
using Workflow.Domain.Standards;
using Workflow.Domain.Tests.Sources;

namespace Workflow.Domain.Tests.Monitoring;

public sealed class MonthlyCheckTests
{
    private static readonly DateOnly Today = new(2020, 3, 20);

    private static MonthlyCheck Check(decimal income = 6000m, DateOnly? on = null, MonitoringMonth? month = null, int died = 0,
        bool housing = true, bool water = true, string name = "张帮扶") =>
        new("532331101200001", month ?? new MonitoringMonth(2020, 3), on ?? new DateOnly(2020, 3, 10), income,
            true, true, true, true, housing, water, NewRisks.None with { MembersDied = died }, name);

    [Fact]
    public void A_plain_check_passes()
    {
        Assert.Empty(MonthlyCheckValidator.Validate(Check(), 4, Today));
    }

    [Fact]
    public void Negative_income_is_refused_naming_the_field()
    {
        var problem = Assert.Single(MonthlyCheckValidator.Validate(Check(income: -1m), 4, Today));
        Assert.Equal("income", problem.Field);
        Assert.Contains("预计全年人均纯收入", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_visit_dated_after_today_is_refused()
    {
        var problem = Assert.Single(MonthlyCheckValidator.Validate(Check(on: Today.AddDays(1)), 4, Today));
        Assert.Equal("checkedOn", problem.Field);
        Assert.Contains("入户日期", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_visit_dated_before_its_month_is_refused()
    {
        var problem = Assert.Single(MonthlyCheckValidator.Validate(Check(on: new DateOnly(2020, 2, 28)), 4, Today));
        Assert.Equal("checkedOn", problem.Field);
    }

    [Fact]
    public void A_month_not_yet_begun_is_refused()
    {
        var problems = MonthlyCheckValidator.Validate(Check(month: new MonitoringMonth(2020, 4), on: Today), 4, Today);
        Assert.Contains(problems, p => p.Field == "month" && p.Message.Contains("尚未开始", StringComparison.Ordinal));
    }

    [Fact]
    public void More_deaths_than_members_is_refused_and_as_many_is_not()
    {
        var problem = Assert.Single(MonthlyCheckValidator.Validate(Check(died: 5), 4, Today));
        Assert.Equal("membersDied", problem.Field);
        Assert.Contains("家庭人口数4", problem.Message, StringComparison.Ordinal);
        Assert.Empty(MonthlyCheckValidator.Validate(Check(died: 4), 4, Today));
    }

    [Fact]
    public void A_missing_name_is_refused()
    {
        Assert.Equal("name", Assert.Single(MonthlyCheckValidator.Validate(Check(name: " "), 4, Today)).Field);
    }

    [Fact]
    public void Income_above_the_line_with_every_guarantee_does_not_alert()
    {
        var assessment = CheckAssessment.Of(Check(income: 4000.01m), StandardCatalog.For("532331", 2020));
        Assert.False(assessment.Alerts);
    }

    [Fact]
    public void Income_at_the_line_alerts_because_the_standard_asks_for_more_than_the_line()
    {
        var assessment = CheckAssessment.Of(Check(income: 4000m), StandardCatalog.For("532331", 2020));
        Assert.True(assessment.Alerts);
        Assert.Equal(["income"], assessment.FailedCodes);
        Assert.Contains("4000 元", Assert.Single(assessment.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void The_line_is_the_county_s_for_the_year()
    {
        // 3,800 is below 禄丰's 2020 line (4,000) and above 洮南's 2018 line (3,600).
        Assert.True(CheckAssessment.Of(Check(income: 3800m), StandardCatalog.For("532331", 2020)).Alerts);
        Assert.False(CheckAssessment.Of(Check(income: 3800m), StandardCatalog.For("220881", 2018)).Alerts);
    }

    [Fact]
    public void Each_failed_guarantee_is_a_reason()
    {
        var assessment = CheckAssessment.Of(Check(housing: false, water: false), StandardCatalog.For("532331", 2020));
        Assert.Equal(["housing", "water"], assessment.FailedCodes);
        Assert.Equal(2, assessment.Reasons.Count);
        Assert.All(assessment.Reasons, r => Assert.EndsWith("未达标。", r, StringComparison.Ordinal));
    }

    [Fact]
    public void Risks_are_counted_by_kind_and_do_not_alert_alone()
    {
        var risks = new NewRisks(true, false, true, 1, "  ");
        Assert.Equal([RiskKind.SeriousIllness, RiskKind.LostWork, RiskKind.Death], risks.Kinds);
        Assert.False(CheckAssessment.Of(Check() with { Risks = risks }, StandardCatalog.For("532331", 2020)).Alerts);
    }
}

public sealed class SpecialGroupTests
{
    [Fact]
    public void There_are_twelve_groups_each_named_in_the_seed_sentence()
    {
        Assert.Equal(12, SpecialGroups.All.Count);
        Assert.Contains("12类群体", SpecialGroups.Citation.Quote, StringComparison.Ordinal);
        Assert.All(SpecialGroups.All, g => Assert.Contains(ChineseTerms.Of(g), SpecialGroups.Citation.Quote, StringComparison.Ordinal));
    }

    [Fact]
    public void The_quotes_are_verbatim_in_the_seed()
    {
        Assert.Equal(string.Empty, SeedDocuments.Problem("special groups", SpecialGroups.Citation.Seed!, SpecialGroups.Citation.Quote!));
        Assert.Equal(string.Empty, SeedDocuments.Problem("cadence", SpecialGroups.Cadence.Seed!, SpecialGroups.Cadence.Quote!));
    }

    [Fact]
    public void Months_read_and_group_into_quarters()
    {
        Assert.True(MonitoringMonth.TryParse("2020-03", out var march));
        Assert.Equal("202003", march.Key);
        Assert.Equal(1, march.Quarter);
        Assert.Equal(new DateOnly(2020, 3, 31), march.LastDay);
        Assert.Equal([1, 2, 3], MonitoringMonth.OfQuarter(2020, 1).Select(m => m.Month));
        Assert.False(MonitoringMonth.TryParse("2020-13", out _));
        Assert.False(MonitoringMonth.TryParse("20203", out _));
    }
}
