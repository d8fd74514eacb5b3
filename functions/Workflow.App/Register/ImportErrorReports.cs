using System.Globalization;
using Azure;
using Azure.Storage.Blobs.Models;
using Workflow.Domain.Register;
using Workflow.App.Storage;

namespace Workflow.App.Register;

/// <summary>
/// The error report of every import, kept as a CSV blob named by county and import id, so the person can download
/// it after the upload page is gone and fix the file in Excel. Reasons never repeat a 身份证号 (the domain's rule).
/// </summary>
public sealed class ImportErrorReports(RegisterTables tables)
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static IReadOnlyList<string> Header { get; } = ["行号", "列", "原因"];

    public async Task SaveAsync(string countyCode, Guid importId, IEnumerable<ImportError> errors, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        using var content = new MemoryStream();
        await WriteAsync(errors, content, cancellationToken).ConfigureAwait(false);
        content.Position = 0;
        await tables.ImportReports.GetBlobClient(BlobName(countyCode, importId)).UploadAsync(
            content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = ContentType } }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The report as stored, or null when there is no such import; the caller disposes the stream.</summary>
    public async Task<Stream?> OpenAsync(string countyCode, Guid importId, CancellationToken cancellationToken)
    {
        if (!CountyDirectory.IsCountyCode(countyCode))
        {
            return null;
        }

        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var download = await tables.ImportReports.GetBlobClient(BlobName(countyCode, importId)).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return download.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public static async Task WriteAsync(IEnumerable<ImportError> errors, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(errors);
        await using var csv = new ExcelCsvWriter(destination);
        await csv.WriteRowAsync(Header, cancellationToken).ConfigureAwait(false);
        foreach (var error in errors)
        {
            await csv.WriteRowAsync([error.Line.ToString(CultureInfo.InvariantCulture), error.Column, error.Reason], cancellationToken).ConfigureAwait(false);
        }
    }

    private static string BlobName(string countyCode, Guid importId) => BlobRules.BlobName($"{countyCode}/{importId:N}.csv");
}
