using Microsoft.Net.Http.Headers;

namespace Workflow.App.Rectification.Web;

/// <summary>The findings file of a multipart upload, read whole (it is small: a list of problems, not a register).</summary>
internal static class FindingUpload
{
    public const long MaxFileBytes = 5L * 1024 * 1024;

    public const long MaxRequestBytes = MaxFileBytes + (64 * 1024);

    /// <summary>The file's name and bytes, or the status and zh-CN message to refuse the request with.</summary>
    public static async Task<((string Name, byte[] Content)? File, (int Status, string Message)? Problem)> ReadAsync(HttpRequest request, string field, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, (StatusCodes.Status415UnsupportedMediaType, $"请以 multipart/form-data 表单上传反馈问题清单（文件字段名为「{field}」）。"));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, (StatusCodes.Status413PayloadTooLarge, TooLarge));
        }
        catch (InvalidDataException)
        {
            return (null, (StatusCodes.Status400BadRequest, "上传的表单格式不正确，请重新选择文件上传。"));
        }

        if (form.Files.GetFile(field) is not { } file)
        {
            return (null, (StatusCodes.Status400BadRequest, $"没有收到文件：请在「{field}」字段中上传 .csv 或 .xlsx 反馈问题清单。"));
        }

        if (file.Length > MaxFileBytes)
        {
            return (null, (StatusCodes.Status413PayloadTooLarge, TooLarge));
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, ct);
        }

        return ((Path.GetFileName(file.FileName), content), null);
    }

    private static string TooLarge => $"文件超过 {MaxFileBytes / 1024 / 1024} MB，请拆分后分批导入。";
}
