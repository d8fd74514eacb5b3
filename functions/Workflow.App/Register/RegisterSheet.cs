using Workflow.Domain.Register;

namespace Workflow.App.Register;

/// <summary>
/// The table an import file holds, whatever its format: the header row and the data rows under it. County exports
/// often put a title row or two above the header, so the header is the first row that names register columns.
/// </summary>
public sealed class RegisterSheet
{
    /// <summary>How far down a title block may push the header.</summary>
    private const int HeaderSearchRows = 10;

    /// <summary>A row naming this many register columns is the header; a title row names none.</summary>
    private const int RecognisedColumns = 3;

    private RegisterSheet(string format, int headerLine, IReadOnlyList<string> headers, bool headerRecognised, IReadOnlyList<SheetRow> rows)
    {
        Format = format;
        HeaderLine = headerLine;
        Headers = headers;
        HeaderRecognised = headerRecognised;
        Rows = rows;
    }

    /// <summary>What the file was read as, in zh-CN, e.g. "CSV（GBK/GB18030 编码）".</summary>
    public string Format { get; }

    public int HeaderLine { get; }

    /// <summary>The header cells, normalised (see <see cref="RegisterColumns.Normalise"/>).</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Whether a row naming register columns was found; otherwise the first row stands in as the header.</summary>
    public bool HeaderRecognised { get; }

    /// <summary>The data rows below the header; blank rows are left out.</summary>
    public IReadOnlyList<SheetRow> Rows { get; }

    /// <param name="format">What the file was read as, in zh-CN.</param>
    /// <param name="lines">Every row of the file with its line number, as raw cells in column order.</param>
    /// <param name="columns">The column names of the kind of file expected (a register, a findings list): they find the header.</param>
    internal static RegisterSheet Locate(string format, IEnumerable<(int Line, IReadOnlyList<string> Cells)> lines, IReadOnlyCollection<string> columns)
    {
        var filled = lines.Where(l => l.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (filled.Count == 0)
        {
            throw new RegisterFileRejectedException("文件中没有任何内容。");
        }

        var known = columns.ToHashSet(StringComparer.Ordinal);
        var headerAt = filled.Take(HeaderSearchRows)
            .Select((row, index) => (Index: index, Named: row.Cells.Count(c => known.Contains(RegisterColumns.Normalise(c)))))
            .FirstOrDefault(candidate => candidate.Named >= RecognisedColumns, (Index: -1, Named: 0))
            .Index;
        var recognised = headerAt >= 0;
        var header = filled[recognised ? headerAt : 0];
        var headers = header.Cells.Select(RegisterColumns.Normalise).ToList();

        var rows = filled.Skip((recognised ? headerAt : 0) + 1).Select(row =>
        {
            var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Count; i++)
            {
                // A repeated header is reported by the header check; the first column of that name is the one read.
                if (headers[i].Length > 0)
                {
                    cells.TryAdd(headers[i], i < row.Cells.Count ? row.Cells[i] : null);
                }
            }

            return new SheetRow(row.Line, cells);
        }).ToList();
        return new RegisterSheet(format, header.Line, headers, recognised, rows);
    }
}
