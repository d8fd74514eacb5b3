using Workflow.App.Register;

namespace Workflow.App.Console;

/// <summary>
/// A console list as a CSV download for Excel or WPS: UTF-8 with BOM, formula-safe cells (<see cref="ExcelCsvWriter"/>),
/// a header row of Chinese column names, and a file name that keeps its Chinese in browsers (RFC 6266 filename*).
/// </summary>
internal sealed class CsvDownload(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"export.csv\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
        var cancellationToken = httpContext.RequestAborted;
        await using var csv = new ExcelCsvWriter(response.Body);
        await csv.WriteRowAsync(header, cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await csv.WriteRowAsync(row, cancellationToken).ConfigureAwait(false);
        }
    }
}
