using Workflow.Domain.Register;

namespace Workflow.Domain.Rectification;

/// <summary>
/// Checks a whole findings file: its header, then each row on its own. Good rows are kept whatever is wrong with
/// others; a row that repeats an earlier one of the file is reported and kept once.
/// </summary>
public static class FindingImportBatch
{
    /// <param name="rows">The data rows by normalised header, with the line a spreadsheet shows for each.</param>
    public static FindingImportOutcome Check(
        string countyCode, int year, FindingRowValidator validator, IEnumerable<string> headers, int headerLine,
        IEnumerable<(int Line, IReadOnlyDictionary<string, string?> Cells)> rows)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(rows);
        var headerErrors = FindingColumns.CheckHeader(headers, headerLine);
        if (headerErrors.Count > 0)
        {
            return new FindingImportOutcome([], headerErrors);
        }

        var kept = new List<(int Line, Finding Finding)>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<ImportError>();
        foreach (var (line, cells) in rows)
        {
            var result = validator.Validate(cells, line);
            if (result.Finding is not { } finding)
            {
                errors.AddRange(result.Errors);
                continue;
            }

            if (firstLine.TryGetValue(RectificationItemId.For(countyCode, year, finding), out var earlier))
            {
                errors.Add(new ImportError(line, FindingColumns.Description, $"与第{earlier}行为同一问题，只登记一次"));
                continue;
            }

            firstLine.Add(RectificationItemId.For(countyCode, year, finding), line);
            kept.Add((line, finding));
        }

        return new FindingImportOutcome(kept, errors);
    }
}

/// <summary>The findings a file gives, each with its line, and what is wrong with the rest.</summary>
public sealed record FindingImportOutcome(IReadOnlyList<(int Line, Finding Finding)> Findings, IReadOnlyList<ImportError> Errors);
