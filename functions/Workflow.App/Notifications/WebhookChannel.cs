using System.Net.Http.Json;

namespace Workflow.App.Notifications;

/// <summary>
/// A group robot (WeCom 企业微信 or DingTalk 钉钉): posts a markdown message to the robot's webhook URL.
/// Both accept <c>{"msgtype":"markdown", ...}</c>; they differ only in the field names.
/// </summary>
public sealed class WebhookChannel(HttpClient http, WebhookOptions options) : INotificationChannel
{
    public string Name => $"webhook:{options.Flavor}";

    public async Task SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        var text = $"**{message.Title}**\n\n{message.Text}" + (message.Link is null ? string.Empty : $"\n\n[打开办理]({message.Link})");
        object body = options.Flavor == WebhookFlavor.DingTalk
            ? new { msgtype = "markdown", markdown = new { title = message.Title, text } }
            : new { msgtype = "markdown", markdown = new { content = text } };
        using var response = await http.PostAsJsonAsync(options.Url, body, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}

public enum WebhookFlavor
{
    WeCom,
    DingTalk,
}

public sealed class WebhookOptions
{
    public Uri? Url { get; set; }

    public WebhookFlavor Flavor { get; set; } = WebhookFlavor.WeCom;
}
