using System.Globalization;

namespace Workflow.Domain.Register;

/// <summary>
/// Neutralises cells before they are written to a CSV that people will open in Excel or WPS. Those programs
/// evaluate a cell that starts with = + - @ as a formula (CSV injection, e.g. <c>=cmd|' /C calc'!A0</c>), and some
/// strip a leading tab or carriage return first, so those start a formula too.
/// </summary>
public static class CsvCellSafety
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static bool LooksLikeFormula(string? cell) =>
        !string.IsNullOrEmpty(cell) && Array.IndexOf(FormulaStarts, cell[0]) >= 0 && !IsPlainNumber(cell);

    /// <summary>
    /// Prefixes a formula-looking cell with an apostrophe, which spreadsheets show as text and do not evaluate.
    /// Signed plain numbers (-5, +3.5) are left alone: they cannot run anything and stay numbers on re-import.
    /// </summary>
    public static string Neutralise(string? cell) =>
        cell is null ? string.Empty : LooksLikeFormula(cell) ? "'" + cell : cell;

    private static bool IsPlainNumber(string cell) =>
        cell[0] is '+' or '-'
        && cell.Length > 1
        && char.IsAsciiDigit(cell[1])
        && decimal.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
}
