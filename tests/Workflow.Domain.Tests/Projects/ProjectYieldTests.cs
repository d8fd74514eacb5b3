using Workflow.Domain.Projects;

namespace Workflow.Domain.Tests.Projects;

/// <summary>The yield line of 002 (年收益率达到 10%以上) applied to one quarter's income, annualised by four.</summary>
public class ProjectYieldTests
{
    private static readonly ProjectQuarter Q3 = new(2026, 3);
    private static readonly YieldLine Line = ProjectProcedure.Default.YieldLine;

    [Fact]
    public void The_shipped_line_is_ten_percent_quoting_002()
    {
        Assert.Equal(0.10m, Line.MinimumAnnualRate);
        Assert.Equal("002_5f21325f1a4d38f3.txt", Line.Citation.Seed);
    }

    [Theory]
    [InlineData(25_000, false)] // 25,000 × 4 ÷ 1,000,000 = 10%: at the line meets it (达到…以上)
    [InlineData(24_999.99, true)]
    [InlineData(40_000, false)]
    [InlineData(0, true)]
    public void A_quarter_is_below_the_line_only_strictly_under_ten_percent_a_year(double income, bool below)
    {
        var quarter = ProjectYield.Of(Q3, 1_000_000m, (decimal)income, 0m);
        Assert.Equal(below, quarter.BelowLine(Line));
    }

    [Fact]
    public void The_annual_rate_is_the_quarters_income_over_investment_times_four()
    {
        Assert.Equal(0.12m, ProjectYield.Of(Q3, 500_000m, 15_000m, 5_000m).AnnualRate);
    }

    [Theory]
    [InlineData(0, 10, 0, "项目投资额必须大于 0 元。")]
    [InlineData(-100, 10, 0, "项目投资额必须大于 0 元。")]
    [InlineData(100, -1, 0, "季度收益不能为负数。")]
    [InlineData(100, 1, -1, "分红金额不能为负数。")]
    public void Negative_or_zero_figures_are_refused_in_chinese(double investment, double income, double dividends, string problem)
    {
        Assert.Contains(problem, ProjectYield.Problems((decimal)investment, (decimal)income, (decimal)dividends));
        Assert.Throws<ArgumentException>(() => ProjectYield.Of(Q3, (decimal)investment, (decimal)income, (decimal)dividends));
    }

    [Theory]
    [InlineData("2026Q3", 2026, 3)]
    [InlineData(" 2027q1 ", 2027, 1)]
    public void A_quarter_reads_from_its_code(string text, int year, int quarter)
    {
        Assert.Equal(new ProjectQuarter(year, quarter), ProjectQuarter.TryParse(text));
    }

    [Theory]
    [InlineData("2026Q0")]
    [InlineData("2026Q5")]
    [InlineData("2026-3")]
    [InlineData(null)]
    public void Anything_else_is_not_a_quarter(string? text)
    {
        Assert.Null(ProjectQuarter.TryParse(text));
    }
}
