using Workflow.Domain.Rectification;
using Workflow.Domain.Register;

namespace Workflow.App.Rectification.Web;

/// <summary>The ledger's filters as the API and the console take them from the query string (source by the county's Chinese names or a built-in member name, status by Chinese term or name).</summary>
internal static class LedgerRequest
{
    /// <summary>The query, or a zh-CN problem with the county, year or a filter value.</summary>
    public static (RectificationQuery? Query, string? Problem) Read(string? county, int? year, string? source, string? unit, string? township, string? status, bool? overdue)
    {
        if (!Register.CountyDirectory.IsCountyCode(county))
        {
            return (null, "请用 county= 指定 6 位县代码。");
        }

        if (year is not { } y || y < FindingEntry.FirstYear || y > 2100)
        {
            return (null, "请用 year= 指定整改台账的年度，例如 2018。");
        }

        FindingSource? findingSource = null;
        string? sourceLabel = null;
        if (!string.IsNullOrWhiteSpace(source))
        {
            var choices = FindingSourceChoices.For(county);
            if (!choices.TryRead(source, out var parsed, out sourceLabel))
            {
                return (null, $"来源可选：{choices.Listed}。");
            }

            findingSource = parsed;
        }

        RectificationStatus? itemStatus = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!ChineseTerms.TryParse<RectificationStatus>(status, out var parsed) && !Enum.TryParse(status, ignoreCase: false, out parsed))
            {
                return (null, $"状态可选：{string.Join("、", ChineseTerms.All<RectificationStatus>())}。");
            }

            itemStatus = parsed;
        }

        return (new RectificationQuery(county, y, findingSource, Blank(unit), Blank(township), itemStatus, overdue, sourceLabel), null);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
