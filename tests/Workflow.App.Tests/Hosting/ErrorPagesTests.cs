using System.Net;
using System.Text;
using Xunit;

namespace Workflow.App.Tests.Hosting;

/// <summary>
/// What a person meets when no endpoint can serve a request: a zh-CN page (JSON under /api), never an empty answer or a
/// 500. The same pipeline runs behind the Function App's area triggers (tests/Workflow.FunctionApp.Tests).
/// </summary>
public sealed class ErrorPagesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_path_the_app_does_not_have_gets_a_zh_cn_page()
    {
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString));

        using var response = await app.Client.GetAsync(new Uri("/nosuchpage", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("lang=\"zh-CN\"", page, StringComparison.Ordinal);
        Assert.Contains("找不到该页面", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_path_the_app_does_not_have_gets_a_json_error()
    {
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString));
        await app.SignInAsync();

        using var response = await app.Client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("没有这个地址", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/signin", "application/json", "{\"user\":\"x\"}")]
    [InlineData("/dev/signin", "text/plain", "user=x")]
    [InlineData("/dev/signin", "text/plain", "")]
    public async Task A_form_post_that_is_not_a_form_gets_400_not_500(string path, string contentType, string body)
    {
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString));

        using var content = new StringContent(body, Encoding.UTF8, contentType);
        using var response = await app.Client.PostAsync(new Uri(path, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请求格式不正确", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
