using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Workflow.App.Identity;
using Workflow.App.Pages;
using Workflow.Domain.Calendar;
using Workflow.Domain.Register;

namespace Workflow.App.Register;

/// <summary>
/// Register import and export over HTTP: a JSON API for the import, CSV downloads for the error report and the
/// register, and a zh-CN page to upload a file and see the result. Every route needs a county office role, in every
/// environment: the register is household data, and on Azure any signed-in user of the tenant gets this far. The
/// export still always masks 身份证号.
/// </summary>
internal static class RegisterEndpoints
{
    /// <summary>The API answers with the first errors; the downloadable report has them all.</summary>
    private const int ErrorsInResponse = 500;

    public static void MapRegister(this IEndpointRouteBuilder app)
    {
        var register = app.MapGroup("/register").RequireAuthorization(CountyRoles.CountyPolicy);

        register.MapGet("/", async (CountyDirectory directory, TimeProvider time, CancellationToken cancellationToken) =>
            Page(await directory.ListAsync(cancellationToken).ConfigureAwait(false), time, StatusCodes.Status200OK));

        register.MapPost("/", async (HttpRequest request, CountyDirectory directory, RegisterImporter importer, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var counties = await directory.ListAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var report = await ImportAsync(request, null, directory, importer, time, cancellationToken).ConfigureAwait(false);
                return Page(counties, time, StatusCodes.Status200OK, report);
            }
            catch (RegisterRequestException e)
            {
                return Page(counties, time, e.StatusCode, error: e.Message);
            }
        }).WithMetadata(new RequestSizeLimitAttribute(RegisterUpload.MaxRequestBytes));

        register.MapPost("/{countyCode}/imports", async (
            string countyCode, HttpRequest request, CountyDirectory directory, RegisterImporter importer, TimeProvider time, CancellationToken cancellationToken) =>
        {
            try
            {
                var report = await ImportAsync(request, countyCode, directory, importer, time, cancellationToken).ConfigureAwait(false);
                return Results.Json(ReportJson(report));
            }
            catch (RegisterRequestException e)
            {
                return Results.Json(new { error = e.Message }, statusCode: e.StatusCode);
            }
        }).WithMetadata(new RequestSizeLimitAttribute(RegisterUpload.MaxRequestBytes));

        register.MapGet("/{countyCode}/imports/{importId:guid}/errors.csv", async (
            string countyCode, Guid importId, ImportErrorReports reports, CancellationToken cancellationToken) =>
        {
            var report = await reports.OpenAsync(countyCode, importId, cancellationToken).ConfigureAwait(false);
            return report is null
                ? Results.Json(new { error = "没有这次导入的错误报告。" }, statusCode: StatusCodes.Status404NotFound)
                : Results.Stream(report, ImportErrorReports.ContentType, $"导入错误报告-{importId:N}.csv");
        });

        register.MapGet("/{countyCode}/export.csv", async (
            string countyCode, string? township, CountyDirectory directory, RegisterExporter exporter, CancellationToken cancellationToken) =>
        {
            County county;
            try
            {
                county = await RegisterUpload.CountyAsync(countyCode, directory, cancellationToken).ConfigureAwait(false);
            }
            catch (RegisterRequestException e)
            {
                return Results.Json(new { error = e.Message }, statusCode: e.StatusCode);
            }

            var selected = township is null ? null : county.Townships.FirstOrDefault(t => t.Code == township);
            if (township is not null && selected is null)
            {
                return Results.Json(new { error = $"{county.Name}没有代码为「{township}」的乡镇。" }, statusCode: StatusCodes.Status404NotFound);
            }

            return Results.Stream(
                body => exporter.WriteCsvAsync(county, township, revealIdNumbers: false, body, cancellationToken),
                ImportErrorReports.ContentType,
                $"{county.Name}{selected?.Name}建档立卡户名册.csv");
        });
    }

    private static async Task<RegisterImportReport> ImportAsync(
        HttpRequest request, string? countyCode, CountyDirectory directory, RegisterImporter importer, TimeProvider time, CancellationToken cancellationToken)
    {
        var upload = await RegisterUpload.ReadAsync(request, countyCode, directory, time, cancellationToken).ConfigureAwait(false);
        try
        {
            return await importer.ImportAsync(upload.County, upload.FileName, upload.Content, upload.IncomeYear, cancellationToken).ConfigureAwait(false);
        }
        catch (RegisterFileRejectedException e)
        {
            throw new RegisterRequestException(StatusCodes.Status422UnprocessableEntity, e.Message);
        }
    }

    private static object ReportJson(RegisterImportReport report) => new
    {
        importId = report.ImportId,
        county = report.CountyCode,
        fileName = report.FileName,
        format = report.Format,
        rows = report.RowCount,
        importedRows = report.ImportedRowCount,
        rejectedRows = report.RejectedRowCount,
        households = new { added = report.Households.Added, changed = report.Households.Changed, unchanged = report.Households.Unchanged },
        errorCount = report.Errors.Count,
        errors = report.Errors.Take(ErrorsInResponse).Select(e => new { line = e.Line, column = e.Column, reason = e.Reason }),
        errorReport = ErrorReportPath(report),
        milliseconds = Math.Round(report.Elapsed.TotalMilliseconds),
    };

    internal static string ErrorReportPath(RegisterImportReport report) =>
        $"/register/{Uri.EscapeDataString(report.CountyCode)}/imports/{report.ImportId:D}/errors.csv";

    private static RazorComponentResult<RegisterPage> Page(IReadOnlyList<RegisteredCounty> counties, TimeProvider time, int statusCode, RegisterImportReport? report = null, string? error = null) =>
        PageResults.Page<RegisterPage>(
            new { Counties = counties, CurrentYear = ShanghaiTime.DateOf(time.GetUtcNow()).Year, Report = report, Error = error }, statusCode);
}
