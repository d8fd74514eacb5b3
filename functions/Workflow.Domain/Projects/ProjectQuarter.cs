using System.Globalization;
using System.Text.RegularExpressions;

namespace Workflow.Domain.Projects;

/// <summary>
/// A quarter of operation (季度), written "2026Q3". 002 has yields and dividends followed by the quarter:
/// “审计局负责对项目收益率进行跟踪审计，以季度为单位向市委、市政府提交审计报告”.
/// </summary>
public readonly partial record struct ProjectQuarter(int Year, int Quarter)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}Q{Quarter}");

    /// <summary>The zh-CN label, e.g. 2026年第3季度.</summary>
    public string Shown => string.Create(CultureInfo.InvariantCulture, $"{Year}年第{Quarter}季度");

    /// <summary>Reads "2026Q3" (case-insensitive); null for anything else, including quarter 0 or 5.</summary>
    public static ProjectQuarter? TryParse(string? text)
    {
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var quarter = new ProjectQuarter(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        return quarter.Quarter is >= 1 and <= 4 ? quarter : null;
    }

    [GeneratedRegex(@"^(20\d\d)[Qq](\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
