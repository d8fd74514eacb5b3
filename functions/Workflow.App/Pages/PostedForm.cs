namespace Workflow.App.Pages;

/// <summary>
/// The form a link's page posts. Anything else posted to a link — JSON, text, nothing, a multipart body without its
/// boundary or cut short — is no form: the link's endpoints answer it with a zh-CN 400 before anything is checked or kept.
/// </summary>
internal static class PostedForm
{
    /// <summary>The posted form; null when the body is not one.</summary>
    public static async Task<IFormCollection?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return null;
        }

        try
        {
            return await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException)
        {
            // Kestrel's own refusal (a body over the size limit, a connection cut off) keeps its status.
            throw;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // A multipart body without a boundary (InvalidDataException), or one that ends before its first part (IOException).
            return null;
        }
    }

    public static IResult NotAForm() => PageResults.Message(
        "请求格式不正确",
        "提交的内容不是表单。请打开链接，在页面上填写表单后提交。",
        StatusCodes.Status400BadRequest,
        note: "本次操作未作任何更改。");
}
