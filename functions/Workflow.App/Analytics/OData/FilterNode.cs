namespace Workflow.App.Analytics.OData;

/// <summary>A parsed <c>$filter</c>: only schema columns, typed literals, the comparison and logical operators, contains and startswith.</summary>
public abstract record FilterNode;

/// <summary><c>Column op literal</c>; a null <see cref="Value"/> is the literal <c>null</c> (eq and ne only).</summary>
public sealed record ComparisonNode(ExportColumn Column, string Operator, object? Value) : FilterNode;

public sealed record AndNode(FilterNode Left, FilterNode Right) : FilterNode;

public sealed record OrNode(FilterNode Left, FilterNode Right) : FilterNode;

public sealed record NotNode(FilterNode Operand) : FilterNode;

/// <summary><c>contains(Column,'text')</c> or <c>startswith(Column,'text')</c> on a string column.</summary>
public sealed record TextMatchNode(ExportColumn Column, string Function, string Text) : FilterNode;
