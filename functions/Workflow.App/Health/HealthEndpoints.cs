using System.Globalization;
using System.Text;
using Workflow.App.Pages;

namespace Workflow.App.Health;

/// <summary>Liveness, the storage self-check as JSON, and the start page that shows it to a person.</summary>
internal static class HealthEndpoints
{

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => Results.Json(new { status = "ok" }));

        app.MapGet("/health/storage", async (StorageSelfCheck check, CancellationToken cancellationToken) =>
        {
            var results = await check.RunAsync(cancellationToken);
            var body = new
            {
                status = results.All(r => r.Ok) ? "ok" : "failed",
                checks = results.Select(r => new { service = r.Service, ok = r.Ok, milliseconds = Math.Round(r.Elapsed.TotalMilliseconds, 1), error = r.Error }),
            };
            return Results.Json(body, statusCode: results.All(r => r.Ok) ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });

        app.MapGet("/", async (StorageSelfCheck check, IHostEnvironment environment, CancellationToken cancellationToken) =>
        {
            var results = await check.RunAsync(cancellationToken);
            return Results.Content(
                StartPage(results, withInbox: environment.IsDevelopment()),
                "text/html; charset=utf-8",
                Encoding.UTF8,
                results.All(r => r.Ok) ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }

    // The local inbox exists only in Development (Notifications/InboxEndpoints); elsewhere the link would lead nowhere.
    private static string StartPage(IReadOnlyList<SelfCheckResult> results, bool withInbox)
    {
        var html = PageLayout.Html;
        var rows = new StringBuilder();
        foreach (var result in results)
        {
            rows.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{html.Encode(result.Service)}</td><td class=\"{(result.Ok ? "ok" : "bad")}\">{(result.Ok ? "正常" : "异常")}</td>" +
                $"<td>{result.Elapsed.TotalMilliseconds:0} 毫秒</td><td>{html.Encode(result.Error ?? string.Empty)}</td></tr>");
        }

        return PageLayout.Render("脱贫攻坚工作流服务", $$"""
            <h2>存储自检</h2>
            <table>
            <thead><tr><th>服务</th><th>状态</th><th>耗时</th><th>说明</th></tr></thead>
            <tbody>
            {{rows}}
            </tbody>
            </table>
            <p>健康检查接口：<a href="/health">/health</a>，<a href="/health/storage">/health/storage</a>；{{(withInbox ? "本地消息箱：<a href=\"/inbox\">/inbox</a>；" : string.Empty)}}名册导入：<a href="/register">/register</a></p>
            """);
    }
}
