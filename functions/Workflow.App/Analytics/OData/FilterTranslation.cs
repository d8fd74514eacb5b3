using System.Globalization;
using System.Runtime.CompilerServices;
using Workflow.App.Storage;

namespace Workflow.App.Analytics.OData;

/// <summary>
/// Runs a parsed filter in two places. Storage gets a table filter for the parts that translate exactly —
/// comparisons whose literal has the column's stored type, joined by and/or — so it returns few rows; every row it
/// returns is then checked against the whole filter in memory, where not, null, contains and startswith are evaluated
/// with OData's meaning. Storage only narrows; the answer is always the in-memory one.
/// </summary>
public static class FilterTranslation
{
    /// <summary>
    /// A filter that storage can apply and that keeps every row the whole filter keeps; null when none can. Its format
    /// holds only the schema's column names, operators and placeholders; every literal is an argument, which
    /// <c>TableClient.CreateQueryFilter</c> quotes and escapes, so no text of the request is ever spliced into it.
    /// </summary>
    public static FormattableString? Pushdown(FilterNode? node)
    {
        var literals = new List<object>();
        return Translate(node, literals) is { } format ? FormattableStringFactory.Create(format, [.. literals]) : null;
    }

    /// <summary>Whether the row (values by column name, as <see cref="ExportValues.FromTable"/> gives them) satisfies the filter.</summary>
    public static bool Matches(FilterNode node, IReadOnlyDictionary<string, object?> row) => node switch
    {
        ComparisonNode c => Compare(c, row.GetValueOrDefault(c.Column.Name)),
        AndNode and => Matches(and.Left, row) && Matches(and.Right, row),
        OrNode or => Matches(or.Left, row) || Matches(or.Right, row),
        NotNode not => !Matches(not.Operand, row),
        TextMatchNode t => row.GetValueOrDefault(t.Column.Name) is string text
                           && (t.Function == "contains" ? text.Contains(t.Text, StringComparison.Ordinal) : text.StartsWith(t.Text, StringComparison.Ordinal)),
        _ => false,
    };

    /// <summary>The columns a filter reads, so they are fetched even when <c>$select</c> leaves them out.</summary>
    public static IEnumerable<string> Columns(FilterNode? node) => node switch
    {
        ComparisonNode c => [c.Column.Name],
        TextMatchNode t => [t.Column.Name],
        AndNode and => Columns(and.Left).Concat(Columns(and.Right)),
        OrNode or => Columns(or.Left).Concat(Columns(or.Right)),
        NotNode not => Columns(not.Operand),
        _ => [],
    };

    private static bool Compare(ComparisonNode c, object? value)
    {
        if (c.Value is null || value is null)
        {
            // OData: null eq null is true, a comparison of null with a value is false.
            var equal = c.Value is null && value is null;
            return c.Operator switch
            {
                "eq" => equal,
                "ne" => !equal,
                _ => false,
            };
        }

        var order = value switch
        {
            string text => string.CompareOrdinal(text, (string)c.Value),
            bool flag => flag.CompareTo((bool)c.Value),
            DateOnly date => date.CompareTo((DateOnly)c.Value),
            DateTimeOffset time => time.CompareTo((DateTimeOffset)c.Value),
            int number => ((decimal)number).CompareTo((decimal)c.Value),
            long number => ((decimal)number).CompareTo((decimal)c.Value),
            decimal number => number.CompareTo((decimal)c.Value),
            double number => number.CompareTo((double)(decimal)c.Value),
            _ => throw new InvalidOperationException($"No comparison for {value.GetType().Name}."),
        };
        return c.Operator switch
        {
            "eq" => order == 0,
            "ne" => order != 0,
            "gt" => order > 0,
            "ge" => order >= 0,
            "lt" => order < 0,
            _ => order <= 0,
        };
    }

    // The literal as the table stores the column; null where storage would compare a different type (e.g. 2.5 with an Int32).
    private static object? StoredLiteral(ColumnType type, object value) => (type, value) switch
    {
        (ColumnType.Int, decimal d) when d == decimal.Truncate(d) && d >= int.MinValue && d <= int.MaxValue => (int)d,
        (ColumnType.Long, decimal d) when d == decimal.Truncate(d) && d >= long.MinValue && d <= long.MaxValue => (long)d,
        (ColumnType.Decimal or ColumnType.Double, decimal d) => (double)d,
        (ColumnType.String, string s) => s,
        (ColumnType.Bool, bool b) => b,
        (ColumnType.Date, DateOnly date) => ExportValues.TableValue(ColumnType.Date, date),
        // Stored to the second: a literal with a fraction would compare differently in storage.
        (ColumnType.DateTime, DateTimeOffset time) when time.Ticks % TimeSpan.TicksPerSecond == 0 => ExportValues.TableValue(ColumnType.DateTime, time),
        _ => null,
    };

    // The format of the node's pushdown, its literals appended to `literals` (numbered from their place there); null,
    // with its literals taken back, when the node does not translate.
    private static string? Translate(FilterNode? node, List<object> literals)
    {
        var mark = literals.Count;
        var format = node switch
        {
            // ne is left to memory on a nullable column: storage drops rows without the property, OData keeps them (null ne 5).
            ComparisonNode { Value: not null } c when (c.Operator != "ne" || !c.Column.Nullable) && StoredLiteral(c.Column.Type, c.Value) is { } literal =>
                Compare(c.Column.Name, c.Operator, literal, literals),
            AndNode and => (Translate(and.Left, literals), Translate(and.Right, literals)) switch
            {
                ({ } l, { } r) => $"({l}) and ({r})",
                ({ } l, null) => l,
                (null, { } r) => r,
                _ => null,
            },
            OrNode or => Translate(or.Left, literals) is { } left && Translate(or.Right, literals) is { } right ? $"({left}) or ({right})" : null,
            _ => null,
        };
        if (format is null)
        {
            literals.RemoveRange(mark, literals.Count - mark);
        }

        return format;
    }

    private static string Compare(string column, string op, object literal, List<object> literals)
    {
        // The operator is one of six words; the column name, from the schema, is checked to be an identifier (no brace
        // or quote can reach the format through it).
        var symbol = op switch
        {
            "eq" or "ne" or "gt" or "ge" or "lt" or "le" => op,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Not a comparison operator."),
        };
        literals.Add(literal);
        return string.Create(CultureInfo.InvariantCulture, $"{TableRules.PropertyName(column)} {symbol} {{{literals.Count - 1}}}");
    }
}
