namespace Workflow.Domain.Projects;

/// <summary>
/// One quarter's yield of a project in operation (项目收益): the investment (投资额, yuan), the quarter's income
/// (收益, yuan) and the dividends paid to households (分红, yuan). The annual rate is the quarter's income over the
/// investment, times four: a simple, not compounded, annualisation — an assumption, as 002 states the line as a year's
/// rate (“年收益率达到 10%以上”) but checks it each quarter.
/// </summary>
public sealed record ProjectYield(ProjectQuarter Quarter, decimal Investment, decimal Income, decimal Dividends)
{
    /// <summary>Quarters in a year: the factor that annualises one quarter's rate.</summary>
    private const int QuartersPerYear = 4;

    /// <summary>Checks the figures; the zh-CN problems found, empty when they are good.</summary>
    public static IReadOnlyList<string> Problems(decimal investment, decimal income, decimal dividends)
    {
        var problems = new List<string>();
        if (investment <= 0)
        {
            problems.Add("项目投资额必须大于 0 元。");
        }

        if (income < 0)
        {
            problems.Add("季度收益不能为负数。");
        }

        if (dividends < 0)
        {
            problems.Add("分红金额不能为负数。");
        }

        return problems;
    }

    /// <summary>Builds a quarter's yield, or throws <see cref="ArgumentException"/> with the zh-CN problems.</summary>
    public static ProjectYield Of(ProjectQuarter quarter, decimal investment, decimal income, decimal dividends)
    {
        var problems = Problems(investment, income, dividends);
        return problems.Count == 0
            ? new ProjectYield(quarter, investment, income, dividends)
            : throw new ArgumentException(string.Join(" ", problems));
    }

    /// <summary>The annualised rate, e.g. 0.10 for 10% (see the class for how).</summary>
    public decimal AnnualRate => Income / Investment * QuartersPerYear;

    /// <summary>Below the county's line: strictly under it, since 002 asks the rate to reach it (达到…以上).</summary>
    public bool BelowLine(YieldLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return AnnualRate < line.MinimumAnnualRate;
    }
}
