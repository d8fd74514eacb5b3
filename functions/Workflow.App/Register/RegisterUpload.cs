using System.Globalization;
using Microsoft.Net.Http.Headers;
using Workflow.Domain.Calendar;
using Workflow.Domain.Register;

namespace Workflow.App.Register;

/// <summary>The parts of an import request — county, income year and file — read from a multipart form and checked.</summary>
internal sealed record RegisterUpload(County County, string FileName, byte[] Content, int IncomeYear)
{
    public const long MaxFileBytes = 20L * 1024 * 1024;

    /// <summary>The file plus room for the form's other fields and the multipart boundaries.</summary>
    public const long MaxRequestBytes = MaxFileBytes + (64 * 1024);

    public const string FileField = "file";
    public const string YearField = "year";
    public const string CountyField = "county";

    /// <param name="countyCode">From the route, or null to take it from the form's county field.</param>
    /// <exception cref="RegisterRequestException">The request is not an import this endpoint can take.</exception>
    public static async Task<RegisterUpload> ReadAsync(
        HttpRequest request, string? countyCode, CountyDirectory directory, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new RegisterRequestException(StatusCodes.Status415UnsupportedMediaType,
                $"请以 multipart/form-data 表单上传名册文件（文件字段名为「{FileField}」），收到的内容类型是「{request.ContentType}」。");
        }

        if (request.ContentLength > MaxRequestBytes)
        {
            throw TooLarge();
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge();
        }
        catch (InvalidDataException)
        {
            throw new RegisterRequestException(StatusCodes.Status400BadRequest, "上传的表单格式不正确，请重新选择文件上传。");
        }

        var county = await CountyAsync(countyCode ?? form[CountyField].ToString(), directory, cancellationToken).ConfigureAwait(false);
        var year = ParseIncomeYear(form[YearField].ToString(), ShanghaiTime.DateOf(time.GetUtcNow()).Year);
        var file = form.Files.GetFile(FileField)
            ?? throw new RegisterRequestException(StatusCodes.Status400BadRequest, $"没有收到文件：请在「{FileField}」字段中上传 .csv 或 .xlsx 名册文件。");
        if (file.Length > MaxFileBytes)
        {
            throw TooLarge();
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
        }

        return new RegisterUpload(county, Path.GetFileName(file.FileName), content, year);
    }

    /// <summary>The county with its places; 404 for a code that is not a registered county.</summary>
    public static async Task<County> CountyAsync(string? countyCode, CountyDirectory directory, CancellationToken cancellationToken) =>
        await directory.FindPlacesAsync(countyCode, cancellationToken).ConfigureAwait(false)
        ?? throw new RegisterRequestException(StatusCodes.Status404NotFound, $"没有代码为「{countyCode}」的县（市、区）名册。");

    private static int ParseIncomeYear(string text, int currentYear)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year >= RegisterRowValidator.FirstExitYear && year <= currentYear)
        {
            return year;
        }

        throw new RegisterRequestException(StatusCodes.Status400BadRequest,
            $"请填写名册中收入数据所属的年度（字段「{YearField}」），应为{RegisterRowValidator.FirstExitYear}至{currentYear}之间的年份。");
    }

    private static RegisterRequestException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, $"文件超过 {MaxFileBytes / 1024 / 1024} MB，请拆分后分批导入。");
}
