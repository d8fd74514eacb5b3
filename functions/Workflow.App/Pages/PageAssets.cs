using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Workflow.App.Pages;

/// <summary>
/// 页面资源: the stylesheet and script every page loads, embedded in the assembly and served from <c>/assets</c> by both
/// hosts. Embedded rather than static web assets because the Function App's worker serves no wwwroot; the address
/// carries the assembly's version so a deployment never meets a stale cached copy.
/// </summary>
internal static class PageAssets
{
    private static readonly EmbeddedFileProvider Files = new(typeof(PageAssets).Assembly, "Workflow.App.Pages.Assets");

    private static readonly string Version = Uri.EscapeDataString(typeof(PageAssets).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12]);

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["site.css"] = "text/css; charset=utf-8",
        ["site.js"] = "text/javascript; charset=utf-8",
    };

    /// <summary>The address a page links to.</summary>
    public static string Href(string file) => $"/assets/{file}?v={Version}";

    public static void MapPageAssets(this IEndpointRouteBuilder app) =>
        app.MapGet("/assets/{file}", (string file, HttpContext http) =>
        {
            if (!ContentTypes.TryGetValue(file, out var contentType) || Files.GetFileInfo(file) is not { Exists: true } asset)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Stream(asset.CreateReadStream(), contentType, entityTag: new EntityTagHeaderValue($"\"{Version}\""));
        }).AllowAnonymous();
}
