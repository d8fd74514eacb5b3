using CsvHelper;
using Workflow.Domain.Register;

namespace Workflow.App.Analytics;

/// <summary>
/// The CSV form of one table's rows, to any stream: UTF-8 with BOM, a header of the schema's column names, ISO dates,
/// invariant numbers, text cells through <see cref="CsvCellSafety"/> (typed cells never: a neutralised number or date
/// would reach Power BI as text). <see cref="CsvSnapshot"/> sends it to the day's blob.
/// </summary>
public sealed class ExportCsvWriter : IAsyncDisposable
{
    private readonly ExportTable _table;
    private readonly CsvWriter _csv;

    private ExportCsvWriter(Stream destination, ExportTable table)
    {
        _table = table;
        _csv = CsvWriter.Create(destination, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);
    }

    /// <summary>Starts the table's CSV with its header; the stream stays open when the writer is disposed.</summary>
    public static async Task<ExportCsvWriter> BeginAsync(Stream destination, ExportTable table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(table);
        var writer = new ExportCsvWriter(destination, table);
        foreach (var column in table.Columns)
        {
            writer._csv.WriteField(column.Name);
        }

        await writer._csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
        return writer;
    }

    public async Task WriteAsync(IEnumerable<ExportRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            WriteFields(row);
            await _csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Typed cells are formatted in place: a string for each would be millions of them per snapshot.
    private void WriteFields(ExportRow row)
    {
        Span<char> cell = stackalloc char[ExportValues.MaxTypedTextLength];
        for (var i = 0; i < _table.Columns.Count; i++)
        {
            var type = _table.Columns[i].Type;
            switch (row.Values[i])
            {
                case null:
                    _csv.WriteField(string.Empty);
                    break;
                case string text when type == ColumnType.String:
                    _csv.WriteField(CsvCellSafety.Neutralise(text));
                    break;
                case { } value:
                    _csv.WriteField(cell[..ExportValues.Format(type, value, cell)]);
                    break;
            }
        }
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken) => _csv.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
