using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Workflow.Functions.Notifications;

/// <summary>The local inbox page (本地消息箱): every notification with its link, newest first.</summary>
internal static class InboxEndpoints
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static void MapInbox(this IEndpointRouteBuilder app) =>
        app.MapGet("/inbox", async (string? recipient, InboxChannel inbox, CancellationToken cancellationToken) =>
        {
            var messages = await inbox.ReadAsync(recipient, 200, cancellationToken);
            var rows = new StringBuilder();
            foreach (var message in messages)
            {
                var at = TimeZoneInfo.ConvertTime(message.CreatedAt, Shanghai);
                var link = message.Link is null ? string.Empty : $"<a href=\"{Html.Encode(message.Link.ToString())}\">打开办理</a>";
                rows.Append(CultureInfo.InvariantCulture,
                    $"<li><div class=\"meta\">{at:yyyy-MM-dd HH:mm} · 发给 {Html.Encode(message.Recipient)}</div>" +
                    $"<div class=\"title\">{Html.Encode(message.Title)}</div><div>{Html.Encode(message.Text)}</div>{link}</li>");
            }

            var page = $$"""
                <!DOCTYPE html>
                <html lang="zh-CN">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>本地消息箱</title>
                <style>
                  body { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 1rem; }
                  ul { list-style: none; padding: 0; } li { border-bottom: 1px solid #ddd; padding: .6rem 0; }
                  .meta { color: #666; font-size: .85rem; } .title { font-weight: bold; }
                </style>
                </head>
                <body>
                <h1>本地消息箱</h1>
                <p>本地运行时，所有通知都在这里，可点击链接办理。</p>
                <ul>
                {{(messages.Count == 0 ? "<li>暂无消息</li>" : rows.ToString())}}
                </ul>
                </body>
                </html>
                """;
            return Results.Content(page, "text/html; charset=utf-8", Encoding.UTF8);
        });
}
