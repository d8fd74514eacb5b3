using Microsoft.AspNetCore.Diagnostics;

namespace Workflow.App.Pages;

/// <summary>
/// 出错页面: what a person meets when a request cannot be served at all, in zh-CN, in both hosts. A path the app does not
/// have, or a method a path does not take, gets a page (JSON under <c>/api</c> and <c>/odata</c>) instead of an empty
/// answer; a form post that is not a form (JSON, text, nothing) gets 400 instead of the 500 <c>ReadFormAsync</c> would cause.
/// </summary>
internal static class ErrorPages
{
    public static IApplicationBuilder UseErrorPages(this IApplicationBuilder app)
    {
        app.UseStatusCodePages(context => WriteAsync(context.HttpContext, context.HttpContext.Response.StatusCode));
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (InvalidOperationException e) when (IsNotAForm(context, e))
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await WriteAsync(context, StatusCodes.Status400BadRequest).ConfigureAwait(false);
            }
        });
        return app;
    }

    // ReadFormAsync refuses a body that is not form data with this InvalidOperationException (ASP.NET Core's message is
    // not localised); any other InvalidOperationException is a fault and stays one.
    private static bool IsNotAForm(HttpContext context, InvalidOperationException e) =>
        !context.Response.HasStarted
        && !context.Request.HasFormContentType
        && e.Message.StartsWith("Incorrect Content-Type", StringComparison.Ordinal);

    private static Task WriteAsync(HttpContext context, int status)
    {
        var (title, text) = status switch
        {
            StatusCodes.Status404NotFound => ("找不到该页面", "没有这个地址的页面或数据。请检查链接是否完整，或从首页重新进入。"),
            StatusCodes.Status405MethodNotAllowed => ("不支持该操作", "这个地址不接受这种请求方式。请从页面上的按钮或表单提交。"),
            StatusCodes.Status400BadRequest => ("请求格式不正确", "提交的内容不是表单。请在页面上填写表单后提交。"),
            StatusCodes.Status401Unauthorized => ("请先登录", "这个页面需要登录后才能查看。"),
            StatusCodes.Status403Forbidden => ("没有权限", "您的角色不能查看或办理这个页面的事项。"),
            _ => ("请求未能完成", $"请求未能完成（状态码 {status}）。"),
        };

        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/odata"))
        {
            return Results.Json(new { error = text }, statusCode: status).ExecuteAsync(context);
        }

        return PageResults.Message(title, text, status, onward: PageLink.Home).ExecuteAsync(context);
    }
}
