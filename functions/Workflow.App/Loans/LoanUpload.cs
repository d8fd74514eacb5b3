using Microsoft.Net.Http.Headers;

namespace Workflow.App.Loans;

/// <summary>The ledger file of an import request (multipart form field "file"), checked for size.</summary>
internal sealed record LoanUpload(string FileName, byte[] Content)
{
    /// <summary>A bank's ledger of a county is a few thousand rows; 10 MB leaves room for an .xlsx with formatting.</summary>
    public const long MaxFileBytes = 10L * 1024 * 1024;

    public const long MaxRequestBytes = MaxFileBytes + (64 * 1024);

    public const string FileField = "file";

    /// <exception cref="LoanRequestException">The request carries no readable file.</exception>
    public static async Task<LoanUpload> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new LoanRequestException(StatusCodes.Status415UnsupportedMediaType, $"请以 multipart/form-data 表单上传贷款台账文件（文件字段名为「{FileField}」）。");
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
            throw new LoanRequestException(StatusCodes.Status400BadRequest, "上传的表单格式不正确，请重新选择文件上传。");
        }

        var file = form.Files.GetFile(FileField)
            ?? throw new LoanRequestException(StatusCodes.Status400BadRequest, $"没有收到文件：请在「{FileField}」字段中上传 .csv 或 .xlsx 贷款台账。");
        if (file.Length > MaxFileBytes)
        {
            throw TooLarge();
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
        }

        return new LoanUpload(Path.GetFileName(file.FileName), content);
    }

    private static LoanRequestException TooLarge() => new(StatusCodes.Status413PayloadTooLarge, $"文件超过 {MaxFileBytes / 1024 / 1024} MB，请拆分后分批导入。");
}

/// <summary>An import request refused as a whole, with its status and a zh-CN reason; nothing was changed.</summary>
public sealed class LoanRequestException(int statusCode, string reason) : Exception(reason)
{
    public int StatusCode { get; } = statusCode;
}
