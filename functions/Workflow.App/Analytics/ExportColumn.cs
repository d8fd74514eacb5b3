namespace Workflow.App.Analytics;

/// <summary>One typed column of an exported table, documented where it is declared.</summary>
/// <param name="Nullable">Whether a row may have no value; a missing value is an absent table property and an empty CSV cell.</param>
public sealed record ExportColumn(string Name, ColumnType Type, string Description, bool Nullable = false);
