using Microsoft.OData.UriParser;

namespace Workflow.App.Analytics.OData;

/// <summary>
/// Turns the library's parsed <c>$filter</c> tree (<see cref="SingleValueNode"/>s, already bound to the model) into
/// the <see cref="FilterNode"/> subset the feed runs: <c>and</c>, <c>or</c>, <c>not</c>, a column compared with a
/// literal (<c>eq ne gt ge lt le</c>), a Boolean column alone, and <c>contains</c>/<c>startswith</c> of a text column
/// and a literal. Anything else the library accepts (arithmetic, other functions, a literal compared with a literal,
/// lambdas) is refused here, and the <see cref="FilterLimits"/> on conditions and depth are counted here.
/// </summary>
public sealed class FilterBinding
{
    private readonly ExportTable _table;
    private int _conditions;

    private FilterBinding(ExportTable table) => _table = table;

    public static FilterNode Bind(ExportTable table, FilterClause clause)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(clause);
        var binding = new FilterBinding(table);
        var node = binding.Bind(clause.Expression, depth: 0, parent: null);
        return binding._conditions <= FilterLimits.MaxConditions
            ? node
            : throw new ODataQueryException($"$filter 最多可有 {FilterLimits.MaxConditions} 个条件，这里有 {binding._conditions} 个。");
    }

    private FilterNode Bind(SingleValueNode node, int depth, BinaryOperatorKind? parent)
    {
        switch (node)
        {
            case BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And or BinaryOperatorKind.Or } logical:
            {
                // A chain of one operator is one level; the operator of the other kind under it is the next.
                var level = parent == logical.OperatorKind ? depth : Deeper(depth);
                var left = Bind(logical.Left, level, logical.OperatorKind);
                var right = Bind(logical.Right, level, logical.OperatorKind);
                return logical.OperatorKind == BinaryOperatorKind.And ? new AndNode(left, right) : new OrNode(left, right);
            }

            case UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not:
                return new NotNode(Bind(not.Operand, Deeper(depth), parent: null));
            case BinaryOperatorNode comparison when Operator(comparison.OperatorKind) is { } op:
                return Comparison(comparison, op);
            case BinaryOperatorNode other:
                throw new ODataQueryException($"不支持运算符 {Name(other.OperatorKind)}；比较只能用 eq、ne、gt、ge、lt、le，组合只能用 and、or、not。");
            case UnaryOperatorNode other:
                throw new ODataQueryException($"不支持运算符 {other.OperatorKind}；组合条件只能用 and、or、not。");
            case SingleValueFunctionCallNode call:
                return TextMatch(call);
            case ConvertNode convert:
                return Bind(convert.Source, depth, parent);
            case SingleValuePropertyAccessNode property when Column(property) is { Type: ColumnType.Bool } flag:
                Count();
                return new ComparisonNode(flag, "eq", true);
            default:
                throw new ODataQueryException("$filter 的每个条件都必须是“列 运算符 值”（如 Year eq 2026），或 contains/startswith(文本列,'文字')。");
        }
    }

    private static int Deeper(int depth) =>
        depth < FilterLimits.MaxDepth
            ? depth + 1
            : throw new ODataQueryException($"$filter 的嵌套最多 {FilterLimits.MaxDepth} 层（not，以及 and/or 互相嵌套各算一层）。");

    private void Count() => _conditions++;

    private ComparisonNode Comparison(BinaryOperatorNode node, string op)
    {
        Count();
        var (column, literal, flipped) = (Unwrap(node.Left), Unwrap(node.Right)) switch
        {
            (SingleValuePropertyAccessNode p, ConstantNode c) => (Column(p), c, false),
            (ConstantNode c, SingleValuePropertyAccessNode p) => (Column(p), c, true),
            (var left, var right) => throw Unsupported(left is ConstantNode ? right : left),
        };
        var value = Value(column, literal);
        if (value is null && op is not ("eq" or "ne"))
        {
            throw new ODataQueryException($"null 只能用 eq 或 ne 比较，不能用 {op}。");
        }

        return new ComparisonNode(column, flipped ? Flip(op) : op, value);
    }

    // Names what stands where a column or a value should: a function or an operator the feed does not run, or else the rule.
    private static ODataQueryException Unsupported(SingleValueNode? operand) => operand switch
    {
        SingleValueFunctionCallNode call => new ODataQueryException($"不支持函数 {call.Name}；只支持 contains 和 startswith。"),
        BinaryOperatorNode op when Operator(op.OperatorKind) is null => new ODataQueryException($"不支持运算符 {Name(op.OperatorKind)}；比较只能用 eq、ne、gt、ge、lt、le，组合只能用 and、or、not。"),
        _ => new ODataQueryException("$filter 的比较必须一边是列、一边是值（如 Year eq 2026）。"),
    };

    private TextMatchNode TextMatch(SingleValueFunctionCallNode call)
    {
        if (call.Name is not ("contains" or "startswith"))
        {
            throw new ODataQueryException($"不支持函数 {call.Name}；只支持 contains 和 startswith。");
        }

        Count();
        var arguments = call.Parameters.ToList();
        if (arguments.Count == 2 && Unwrap(arguments[0] as SingleValueNode) is SingleValuePropertyAccessNode property
            && Unwrap(arguments[1] as SingleValueNode) is ConstantNode { Value: string text })
        {
            var column = Column(property);
            return column.Type == ColumnType.String
                ? new TextMatchNode(column, call.Name, text)
                : throw new ODataQueryException($"{call.Name} 只能用于文本列，{column.Name} 是 {column.Type}。");
        }

        throw new ODataQueryException($"{call.Name} 的写法是 {call.Name}(文本列,'文字')。");
    }

    private ExportColumn Column(SingleValuePropertyAccessNode property) =>
        property.Source is ResourceRangeVariableReferenceNode && _table.Find(property.Property.Name) is { } column
            ? column
            : throw new ODataQueryException($"“{property.Property.Name}”不是 {_table.Name} 的列。");

    // The library wraps an operand in a conversion where it promotes a type (Int32 to Decimal, a null to the column's type).
    private static SingleValueNode? Unwrap(SingleValueNode? node) => node is ConvertNode convert ? Unwrap(convert.Source) : node;

    /// <summary>The literal as the feed's in-memory value of the column's type; null for the literal null.</summary>
    private static object? Value(ExportColumn column, ConstantNode literal)
    {
        object Mismatch() => throw new ODataQueryException($"{column.Name} 是 {column.Type} 列，{literal.LiteralText} 不是这种类型的值。");

        return (column.Type, literal.Value) switch
        {
            (_, null) => null,
            (ColumnType.String, string text) => text,
            (ColumnType.Bool, bool flag) => flag,
            (ColumnType.Int or ColumnType.Long or ColumnType.Decimal or ColumnType.Double, int n) => (decimal)n,
            (ColumnType.Int or ColumnType.Long or ColumnType.Decimal or ColumnType.Double, long n) => (decimal)n,
            (ColumnType.Int or ColumnType.Long or ColumnType.Decimal or ColumnType.Double, decimal n) => n,
            (ColumnType.Int or ColumnType.Long or ColumnType.Decimal or ColumnType.Double, double n) when Math.Abs(n) < 7.9e28 => (decimal)n,
            (ColumnType.Int or ColumnType.Long or ColumnType.Decimal or ColumnType.Double, float n) when Math.Abs(n) < 7.9e28 => (decimal)n,
            (ColumnType.Date, DateOnly date) => date,
#pragma warning disable CS0618 // ODL 8 parses an Edm.Date literal to its own Date type (DateOnly from ODL 9 on): both are read.
            (ColumnType.Date, Microsoft.OData.Edm.Date date) => new DateOnly(date.Year, date.Month, date.Day),
#pragma warning restore CS0618
            (ColumnType.DateTime, DateTimeOffset time) => time.ToUniversalTime(),
            _ => Mismatch(),
        };
    }

    private static string? Operator(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Equal => "eq",
        BinaryOperatorKind.NotEqual => "ne",
        BinaryOperatorKind.GreaterThan => "gt",
        BinaryOperatorKind.GreaterThanOrEqual => "ge",
        BinaryOperatorKind.LessThan => "lt",
        BinaryOperatorKind.LessThanOrEqual => "le",
        _ => null,
    };

    private static string Flip(string op) => op switch
    {
        "gt" => "lt",
        "ge" => "le",
        "lt" => "gt",
        "le" => "ge",
        _ => op,
    };

    private static string Name(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => "add",
        BinaryOperatorKind.Subtract => "sub",
        BinaryOperatorKind.Multiply => "mul",
        BinaryOperatorKind.Divide => "div",
        BinaryOperatorKind.Modulo => "mod",
        BinaryOperatorKind.Has => "has",
        _ => kind.ToString(),
    };
}
