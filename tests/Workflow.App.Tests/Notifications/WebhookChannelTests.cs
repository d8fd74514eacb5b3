using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Workflow.App.Notifications;
using Xunit;

namespace Workflow.App.Tests.Notifications;

public sealed class WebhookChannelTests
{
    [Theory]
    [InlineData(WebhookFlavor.WeCom, "content")]
    [InlineData(WebhookFlavor.DingTalk, "text")]
    public async Task Robot_receives_a_markdown_message_in_its_shape(WebhookFlavor flavor, string textField)
    {
        var received = new TaskCompletionSource<JsonDocument>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var robot = builder.Build();
        robot.MapPost("/robot", async (HttpRequest request) =>
        {
            received.SetResult(await JsonDocument.ParseAsync(request.Body));
            return Results.Json(new { errcode = 0 });
        });
        await robot.StartAsync();
        var address = robot.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient();
        var channel = new WebhookChannel(http, new WebhookOptions { Url = new Uri($"{address}/robot"), Flavor = flavor });

        await channel.SendAsync(new NotificationMessage("n-1", NotificationKinds.Escalated, "case-1", "县扶贫办", "已超期：乡镇审核", "张三户超期 1 个工作日",
            new Uri("http://127.0.0.1:5080/cases/case-1"), DateTimeOffset.UtcNow), default);

        using var body = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("markdown", body.RootElement.GetProperty("msgtype").GetString());
        var text = body.RootElement.GetProperty("markdown").GetProperty(textField).GetString();
        Assert.Contains("已超期：乡镇审核", text, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5080/cases/case-1", text, StringComparison.Ordinal);
        await robot.StopAsync();
    }
}
