using System.Net;
using Xunit;

namespace Workflow.App.Tests.Identity;

/// <summary>
/// 开发登录 and its return address. The rule is a local-only redirect: the address a sign-in returns to must be a page of
/// this site, written as a path. Every other form — another site, a scheme, a control character, a malformed escape, a
/// length no page has — is refused with a zh-CN 400 page on the form and on the post, and the post then signs nobody in.
/// A local path with Chinese in it is a page of this site and is kept, percent-encoded as a browser would send it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DevelopmentSignInTests(AzuriteFixture azurite)
{
    /// <summary>Return addresses that are not a page of this site, and why each is dangerous or broken.</summary>
    public static TheoryData<string, string> Refused { get; } = new()
    {
        { "https://evil.example/phish", "an absolute URL: an open redirect" },
        { "http:/evil.example", "a scheme without slashes, which browsers still take to another site" },
        { "//evil.example", "a protocol-relative URL: another site" },
        { "\\\\evil.example", "backslashes, which browsers read as //" },
        { "/\\evil.example", "a path that browsers read as //evil.example" },
        { "/\t/evil.example", "a tab, which browsers drop, leaving //evil.example" },
        { "javascript:alert(1)", "a script URL" },
        { "/exits\r\nSet-Cookie: stolen=1", "CRLF: a header injected into the redirect" },
        { "/exits%", "a lone percent sign" },
        { "/exits?county=%zz", "an escape that is not hexadecimal" },
        { "%2F%2Fevil.example", "an escaped // that is no path at all" },
        { "exits", "a relative path, which depends on where the form was" },
        { "/" + new string('a', 2100), "longer than any address of this site" },
    };

    [Fact]
    public async Task Every_refused_return_address_gets_a_zh_cn_400_on_the_form_and_on_the_post_and_signs_nobody_in()
    {
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString));
        using var browser = NewBrowser(app);

        foreach (var (returnUrl, why) in Refused.Select(row => ((string)row[0], (string)row[1])))
        {
            using var form = await browser.GetAsync(new Uri($"/dev/signin?returnUrl={Uri.EscapeDataString(returnUrl)}", UriKind.Relative));
            var formPage = await form.Content.ReadAsStringAsync();
            Assert.True(form.StatusCode == HttpStatusCode.BadRequest, $"GET with {why}: {(int)form.StatusCode}");
            Assert.True(formPage.Contains("返回地址", StringComparison.Ordinal) && formPage.Contains("lang=\"zh-CN\"", StringComparison.Ordinal), $"GET with {why}: no zh-CN page");

            using var post = await PostAsync(browser, RunningApp.CountyOfficer, returnUrl);
            var postPage = await post.Content.ReadAsStringAsync();
            Assert.True(post.StatusCode == HttpStatusCode.BadRequest, $"POST with {why}: {(int)post.StatusCode}");
            Assert.True(postPage.Contains("返回地址", StringComparison.Ordinal), $"POST with {why}: no zh-CN page");
            Assert.False(post.Headers.Contains("Set-Cookie"), $"POST with {why} signed someone in");
        }
    }

    [Fact]
    public async Task A_return_address_of_100000_characters_in_the_post_is_refused_too()
    {
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString));
        using var browser = NewBrowser(app);

        using var post = await PostAsync(browser, RunningApp.CountyOfficer, "/" + new string('x', 100_000));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("返回地址", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(post.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("/exits?county=532331&status=Open", "/exits?county=532331&status=Open")]
    [InlineData("/register?township=碧城镇", "/register?township=%E7%A2%A7%E5%9F%8E%E9%95%87")]
    [InlineData("/案件", "/%E6%A1%88%E4%BB%B6")]
    [InlineData("", "/")]
    public async Task A_local_path_is_where_the_sign_in_returns_percent_encoded(string returnUrl, string location)
    {
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString));
        using var browser = NewBrowser(app);

        using var form = await browser.GetAsync(new Uri($"/dev/signin?returnUrl={Uri.EscapeDataString(returnUrl)}", UriKind.Relative));
        using var post = await PostAsync(browser, RunningApp.CountyOfficer, returnUrl);

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(location, post.Headers.Location?.OriginalString);
        Assert.True(post.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_demo_users_are_shown_with_their_roles_in_chinese_and_an_unknown_user_gets_a_zh_cn_400_page()
    {
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString));
        using var browser = NewBrowser(app);

        var page = await browser.GetStringAsync(new Uri("/dev/signin", UriKind.Relative));
        using var unknown = await PostAsync(browser, "县长|Mayor", "/");
        var refusal = await unknown.Content.ReadAsStringAsync();

        Assert.Contains("县扶贫办 李主任（县扶贫办负责人）", page, StringComparison.Ordinal);
        Assert.Contains("乡镇 张审核（乡镇审核人）", page, StringComparison.Ordinal);
        Assert.DoesNotContain("（CountyAdmin）", page, StringComparison.Ordinal);
        // The role stays in the posted value: scripts and tests sign in with "name|role".
        Assert.Contains("value=\"县扶贫办 李主任|CountyAdmin\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("lang=\"zh-CN\"", refusal, StringComparison.Ordinal);
        Assert.Contains("未知的演示用户", refusal, StringComparison.Ordinal);
        Assert.False(unknown.Headers.Contains("Set-Cookie"));
    }

    private static HttpClient NewBrowser(RunningApp app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.Client.BaseAddress };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string user, string returnUrl)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = user, ["returnUrl"] = returnUrl });
        return await browser.PostAsync(new Uri("/dev/signin", UriKind.Relative), form);
    }
}
