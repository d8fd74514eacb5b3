using System.Globalization;
using Microsoft.OData;
using Microsoft.OData.UriParser;

namespace Workflow.App.Analytics.OData;

/// <summary>
/// Parses a collection request's query options with the library's <see cref="ODataQueryOptionParser"/> against
/// <see cref="ODataModel"/>: <c>$filter</c>, <c>$select</c>, <c>$orderby</c>, <c>$top</c>, <c>$skip</c>, <c>$count</c>
/// and the feed's own <c>$skiptoken</c>. Every refusal is an <see cref="ODataQueryException"/> with a zh-CN message; the
/// library's own wording of a syntax error follows ours, as the detail.
/// </summary>
public static class ODataQueryOptions
{
    /// <summary>The largest <c>$top</c> and <c>$skip</c>; a larger number is refused with this number in the message.</summary>
    public const long MaxCount = int.MaxValue;

    private static readonly string[] Supported = ["$filter", "$select", "$orderby", "$top", "$skip", "$count", "$skiptoken", "$format"];

    public static ODataQuery Parse(ExportTable table, IQueryCollection query, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(query);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in query.Keys.Where(k => k.StartsWith('$')))
        {
            if (!Supported.Contains(key, StringComparer.Ordinal))
            {
                throw new ODataQueryException($"不支持查询选项 {key}；可用 $filter、$select、$orderby、$top、$skip、$count。");
            }

            if (query[key].Count > 1)
            {
                throw new ODataQueryException($"{key} 只能给一次。");
            }

            options[key] = query[key].ToString();
        }

        if (options.Remove("$format", out var format) && !format.StartsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ODataQueryException("只支持 $format=json。");
        }

        if (options.TryGetValue("$filter", out var filter) && filter.Length > FilterLimits.MaxLength)
        {
            throw new ODataQueryException($"$filter 最长 {FilterLimits.MaxLength} 个字符，这里有 {filter.Length} 个。");
        }

        var top = WithinMaximum(options, "$top");
        var skip = WithinMaximum(options, "$skip");
        var set = ODataModel.EntitySet(table);
        var parser = new ODataQueryOptionParser(ODataModel.Model, set.EntityType, set, options)
        {
            Resolver = ColumnResolver.Instance,
        };
        return new ODataQuery(
            table,
            Parsed("$filter", parser.ParseFilter) is { } clause ? FilterBinding.Bind(table, clause) : null,
            Select(table, Parsed("$select", parser.ParseSelectAndExpand)),
            OrderBy(table, Parsed("$orderby", parser.ParseOrderBy)),
            top is null ? null : Parsed("$top", parser.ParseTop),
            skip is null ? 0 : Parsed("$skip", parser.ParseSkip) ?? 0,
            Parsed("$count", parser.ParseCount) ?? false,
            pageSize,
            options.GetValueOrDefault("$skiptoken"));
    }

    // The library refuses a number beyond Int64 as "requires a non-negative integer", which it is: the real fault,
    // a number beyond the maximum, is named here first.
    private static string? WithinMaximum(Dictionary<string, string> options, string option)
    {
        if (!options.TryGetValue(option, out var text))
        {
            return null;
        }

        var digits = text.Trim();
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit)
            && (digits.TrimStart('0').Length > 19 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > MaxCount))
        {
            throw new ODataQueryException($"{option} 最大为 {MaxCount:N0}，这里是 {(digits.Length > 30 ? digits[..30] + "…" : digits)}。");
        }

        return text;
    }

    private static T Parsed<T>(string option, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ODataException e)
        {
            var what = option is "$top" or "$skip" ? $"{option} 必须是 0 到 {MaxCount:N0} 之间的整数" : $"{option} 无法解析";
            throw new ODataQueryException($"{what}（{e.Message}）");
        }
    }

    private static IReadOnlyList<ExportColumn> Select(ExportTable table, SelectExpandClause? clause)
    {
        if (clause is null || clause.AllSelected || clause.SelectedItems.Any(i => i is WildcardSelectItem))
        {
            return table.Columns;
        }

        var columns = new List<ExportColumn>();
        foreach (var item in clause.SelectedItems)
        {
            if (item is not PathSelectItem { SelectedPath.LastSegment: PropertySegment segment } path || path.SelectedPath.Count != 1
                || path.FilterOption is not null || path.OrderByOption is not null || path.TopOption is not null || path.SkipOption is not null
                || path.CountOption is not null || path.SearchOption is not null || path.ComputeOption is not null || path.SelectAndExpand is { AllSelected: false })
            {
                throw new ODataQueryException("$select 只能列出本表的列名，用逗号分隔。");
            }

            var column = table.Find(segment.Property.Name) ?? throw new ODataQueryException($"“{segment.Property.Name}”不是 {table.Name} 的列。");
            if (!columns.Contains(column))
            {
                columns.Add(column);
            }
        }

        return columns;
    }

    private static List<OrderKey> OrderBy(ExportTable table, OrderByClause? clause)
    {
        var keys = new List<OrderKey>();
        for (var item = clause; item is not null; item = item.ThenBy)
        {
            var expression = item.Expression is ConvertNode convert ? convert.Source : item.Expression;
            if (expression is not SingleValuePropertyAccessNode { Source: ResourceRangeVariableReferenceNode } property || table.Find(property.Property.Name) is not { } column)
            {
                throw new ODataQueryException("$orderby 只能按本表的列排序，如 $orderby=DateKey desc,Year。");
            }

            keys.Add(new OrderKey(column, item.Direction == OrderByDirection.Descending));
        }

        return keys;
    }
}
