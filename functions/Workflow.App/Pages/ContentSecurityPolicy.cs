namespace Workflow.App.Pages;

/// <summary>
/// 内容安全策略: every response tells the browser to run only the app's own script and style, never inline code, so a
/// name or comment that slipped past encoding still could not run. Forms post only to the app; no site may frame a page.
/// </summary>
internal static class ContentSecurityPolicy
{
    public const string Value = "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

    public static IApplicationBuilder UseContentSecurityPolicy(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = Value;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
}
