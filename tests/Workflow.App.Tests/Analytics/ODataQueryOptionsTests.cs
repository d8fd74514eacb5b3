using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Workflow.App.Analytics;
using Workflow.App.Analytics.OData;
using Workflow.App.Analytics.Sources;
using Xunit;

namespace Workflow.App.Tests.Analytics;

/// <summary>
/// The query options as the library parses them against the model and the feed binds them: the limits at their stated
/// number and one past it, and the refusals' messages. No storage: nothing here reaches a table.
/// </summary>
public sealed class ODataQueryOptionsTests
{
    private static readonly ExportTable Dates = DateDimension.Definition;

    private static ODataQuery Parse(string option, string value, ExportTable? table = null) =>
        ODataQueryOptions.Parse(table ?? Dates, new QueryCollection(new Dictionary<string, StringValues> { [option] = value }), ODataFeed.MaxPageSize);

    private static string Refusal(string option, string value) =>
        Assert.Throws<ODataQueryException>(() => Parse(option, value)).Message;

    private static string Conditions(int n) => string.Join(" or ", Enumerable.Range(0, n).Select(i => $"Year eq {i}"));

    [Fact]
    public void The_condition_limit_accepts_exactly_its_stated_number_and_refuses_one_more()
    {
        Assert.NotNull(Parse("$filter", Conditions(FilterLimits.MaxConditions)).Filter);
        var message = Refusal("$filter", Conditions(FilterLimits.MaxConditions + 1));
        Assert.Contains($"最多可有 {FilterLimits.MaxConditions} 个条件", message, StringComparison.Ordinal);
        Assert.Contains($"{FilterLimits.MaxConditions + 1} 个", message, StringComparison.Ordinal);

        // and, or and not are not conditions: 100 comparisons in pairs under and, or and not are still 100.
        string Pairs(int pairs) => string.Join(" or ", Enumerable.Range(0, pairs).Select(i => $"not (Day eq {i} and Day ne {i})"));
        Assert.NotNull(Parse("$filter", Pairs(FilterLimits.MaxConditions / 2)).Filter);
        Assert.Contains($"最多可有 {FilterLimits.MaxConditions} 个条件", Refusal("$filter", Pairs((FilterLimits.MaxConditions / 2) + 1)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_length_limit_accepts_exactly_its_stated_number_and_refuses_one_more()
    {
        static string OfLength(int length)
        {
            const string head = "HolidayName eq '";
            return head + new string('春', length - head.Length - 1) + "'";
        }

        Assert.NotNull(Parse("$filter", OfLength(FilterLimits.MaxLength)).Filter);
        var message = Refusal("$filter", OfLength(FilterLimits.MaxLength + 1));
        Assert.Contains($"最长 {FilterLimits.MaxLength} 个字符", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_depth_limit_accepts_exactly_its_stated_number_and_refuses_one_more()
    {
        static string Nots(int n) => string.Concat(Enumerable.Repeat("not (", n)) + "Year eq 1" + new string(')', n);

        // Alternating and/or: every operator under one of the other kind is a level.
        static string Alternating(int levels)
        {
            var filter = "Year eq 0";
            for (var i = 1; i <= levels; i++)
            {
                filter = $"Year eq {i} {(i % 2 == 0 ? "and" : "or")} ({filter})";
            }

            return filter;
        }

        Assert.NotNull(Parse("$filter", Nots(FilterLimits.MaxDepth)).Filter);
        Assert.Contains($"最多 {FilterLimits.MaxDepth} 层", Refusal("$filter", Nots(FilterLimits.MaxDepth + 1)), StringComparison.Ordinal);
        Assert.NotNull(Parse("$filter", Alternating(FilterLimits.MaxDepth)).Filter);
        Assert.Contains($"最多 {FilterLimits.MaxDepth} 层", Refusal("$filter", Alternating(FilterLimits.MaxDepth + 1)), StringComparison.Ordinal);

        // A long chain of one operator is one level, and parentheses alone are none.
        Assert.NotNull(Parse("$filter", Conditions(50)).Filter);
        Assert.NotNull(Parse("$filter", new string('(', 50) + "Year eq 1" + new string(')', 50)).Filter);
    }

    [Theory]
    [InlineData("$top")]
    [InlineData("$skip")]
    public void A_count_beyond_the_maximum_is_told_so(string option)
    {
        Assert.Equal(ODataQueryOptions.MaxCount, option == "$top" ? Parse(option, "2147483647").Top : Parse(option, "2147483647").Skip);
        foreach (var huge in new[] { "2147483648", "9223372036854775808", "99999999999999999999999999999999999" })
        {
            var message = Refusal(option, huge);
            Assert.Contains($"{option} 最大为 {ODataQueryOptions.MaxCount:N0}", message, StringComparison.Ordinal);
            Assert.DoesNotContain("整数", message, StringComparison.Ordinal);
        }

        Assert.Contains("必须是 0 到", Refusal(option, "-1"), StringComparison.Ordinal);
        Assert.Contains("必须是 0 到", Refusal(option, "ten"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$filter", "Secret eq 'x'", "“Secret”不是 DimDate 的列")]
    [InlineData("$filter", "PartitionKey eq 'x' or true", "“PartitionKey”不是 DimDate 的列")]
    [InlineData("$select", "DateKey,RowHash", "“RowHash”不是 DimDate 的列")]
    [InlineData("$orderby", "Secret desc", "“Secret”不是 DimDate 的列")]
    [InlineData("$filter", "tolower(HolidayName) eq 'x'", "不支持函数 tolower")]
    [InlineData("$filter", "endswith(HolidayName,'节')", "不支持函数 endswith")]
    [InlineData("$filter", "Year add 1 eq 2027", "不支持运算符 add")]
    [InlineData("$filter", "HolidayName eq 'a' or 1 eq 1", "一边是列、一边是值")]
    [InlineData("$filter", "Year gt null", "null 只能用 eq 或 ne")]
    [InlineData("$filter", "substringof('a',HolidayName)", "$filter 无法解析")]
    [InlineData("$filter", "DateKey eq '2026-01-01'", "$filter 无法解析")]
    [InlineData("$filter", "Year eq 2026; DROP TABLE x", "$filter 无法解析")]
    [InlineData("$filter", "HolidayName eq 'unterminated", "$filter 无法解析")]
    [InlineData("$expand", "x", "不支持查询选项 $expand")]
    [InlineData("$search", "x", "不支持查询选项 $search")]
    [InlineData("$apply", "aggregate(Year with sum as Total)", "不支持查询选项 $apply")]
    [InlineData("$count", "maybe", "$count 无法解析")]
    [InlineData("$format", "xml", "只支持 $format=json")]
    public void Unknown_columns_functions_operators_and_options_are_refused_in_chinese(string option, string value, string expected)
    {
        var message = Refusal(option, value);
        Assert.True(message.Contains(expected, StringComparison.Ordinal), message);
    }

    [Fact]
    public void The_parsed_tree_becomes_the_feeds_filter_with_typed_literals()
    {
        var filter = Parse("$filter", "DateKey ge 2026-02-01 and 2026 eq Year and not IsWorkingDay and startswith(HolidayName,'春')").Filter;
        var and = Assert.IsType<AndNode>(filter);
        Assert.Equal("startswith", Assert.IsType<TextMatchNode>(and.Right).Function);
        var steps = Parse("$filter", "EnteredAt ge 2026-03-04T08:00:00+08:00 and WorkingDays gt 2.5 and DecidedAt eq null", ExitStepFacts.Definition).Filter;
        var comparisons = Flatten(steps!).OfType<ComparisonNode>().ToList();
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 0, 0, 0, TimeSpan.Zero), comparisons[0].Value);
        Assert.Equal(TimeSpan.Zero, ((DateTimeOffset)comparisons[0].Value!).Offset);
        Assert.Equal(2.5m, comparisons[1].Value);
        Assert.Null(comparisons[2].Value);

        // A literal on the left is turned round: 2020 lt Year is Year gt 2020.
        var flipped = Assert.IsType<ComparisonNode>(Parse("$filter", "2020 lt Year").Filter);
        Assert.Equal(("Year", "gt", (object?)2020m), (flipped.Column.Name, flipped.Operator, flipped.Value));

        var ordered = Parse("$orderby", "Year desc,DateKey").OrderBy;
        Assert.Equal([("Year", true), ("DateKey", false)], ordered.Select(o => (o.Column.Name, o.Descending)));
        Assert.Equal(["DateKey", "Year"], Parse("$select", "DateKey,Year,DateKey").Select.Select(c => c.Name));
    }

    private static IEnumerable<FilterNode> Flatten(FilterNode node) => node switch
    {
        AndNode and => Flatten(and.Left).Concat(Flatten(and.Right)),
        OrNode or => Flatten(or.Left).Concat(Flatten(or.Right)),
        NotNode not => Flatten(not.Operand),
        _ => [node],
    };
}
