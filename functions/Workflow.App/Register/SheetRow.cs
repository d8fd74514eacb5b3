namespace Workflow.App.Register;

/// <summary>One data row of an import file: its line as a spreadsheet numbers it, and its cells by normalised header.</summary>
public sealed record SheetRow(int Line, IReadOnlyDictionary<string, string?> Cells);
