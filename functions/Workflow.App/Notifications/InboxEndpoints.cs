using System.Globalization;
using System.Text;
using Workflow.App.Pages;

namespace Workflow.App.Notifications;

/// <summary>
/// The local inbox page (本地消息箱): every notification with its link, newest first. It stands in for the phones on a
/// developer's machine and exists only in the Development environment: it shows every approval link to whoever opens
/// it, so anywhere else it would let any signed-in user act as any approver. On Azure notifications reach people
/// through the webhook and mail channels.
/// </summary>
internal static class InboxEndpoints
{
    public static void MapInbox(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment() || app.ServiceProvider.GetService<InboxChannel>() is null)
        {
            return;
        }

        app.MapGet("/inbox", async (string? recipient, InboxChannel inbox, CancellationToken cancellationToken) =>
        {
            var messages = await inbox.ReadAsync(recipient, 200, cancellationToken);
            var rows = new StringBuilder();
            foreach (var message in messages)
            {
                var link = message.Link is null ? string.Empty : $"<a href=\"{PageLayout.Html.Encode(message.Link.ToString())}\">打开办理</a>";
                rows.Append(CultureInfo.InvariantCulture,
                    $"<li><div class=\"meta\">{PageLayout.Time(message.CreatedAt)} · 发给 {PageLayout.Html.Encode(message.Recipient)}</div>" +
                    $"<div class=\"title\">{PageLayout.Html.Encode(message.Title)}</div><div>{PageLayout.Html.Encode(message.Text)}</div>{link}</li>");
            }

            var page = PageLayout.Render("本地消息箱", $$"""
                <p class="note">本地运行时，所有通知都在这里，可点击链接办理。</p>
                <ul class="messages">
                {{(messages.Count == 0 ? "<li>暂无消息</li>" : rows.ToString())}}
                </ul>
                """);
            return Results.Content(page, "text/html; charset=utf-8", Encoding.UTF8);
        });
    }
}
