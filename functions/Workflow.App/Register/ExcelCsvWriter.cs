using CsvHelper;
using Workflow.Domain.Register;

namespace Workflow.App.Register;

/// <summary>
/// Writes CSV for people who open it in Excel or WPS: UTF-8 with a BOM (without one, Chinese Excel reads the file
/// as GBK and shows mojibake), CRLF line ends, RFC 4180 quoting, and every cell through <see cref="CsvCellSafety"/>
/// so that none runs as a formula. Writes go out asynchronously, as an HTTP response body requires.
/// </summary>
internal sealed class ExcelCsvWriter : IAsyncDisposable
{
    private readonly CsvWriter _csv;

    public ExcelCsvWriter(Stream destination) =>
        _csv = CsvWriter.Create(destination, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);

    public async Task WriteRowAsync(IEnumerable<string?> cells, CancellationToken cancellationToken)
    {
        foreach (var cell in cells)
        {
            _csv.WriteField(CsvCellSafety.Neutralise(cell));
        }

        await _csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
