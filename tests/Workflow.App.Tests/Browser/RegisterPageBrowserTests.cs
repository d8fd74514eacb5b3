using System.Net;
using Microsoft.Playwright;
using Workflow.App.Tests.Register;
using Workflow.Testing.Browser;
using Xunit;

namespace Workflow.App.Tests.Browser;

/// <summary>
/// The register page in a real phone-sized chromium against the real app: the HTTP tests prove the markup, only a
/// browser proves that a cadre on a phone gets Chinese text and a page that does not scroll sideways.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RegisterPageBrowserTests(AzuriteFixture azurite, ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>
{
    private const int PhoneWidth = 390;

    [Fact]
    public async Task The_register_page_reads_in_chinese_and_fits_a_phone_without_scrolling_sideways()
    {
        // A registered county fills the county list: its option text is the widest thing on the form.
        var bed = new RegisterTestBed(azurite);
        await bed.AddPlacesAsync(RegisterTestBed.Generate());
        await using var app = await RunningApp.StartAsync(("Storage:ConnectionString", azurite.ConnectionString), ("Register:StoragePrefix", bed.Prefix));
        var page = await chromium.NewPhonePageAsync();

        // The register needs a county role: the page sends the browser to the development sign-in and back.
        var response = await page.SignInAsync(app.Client.BaseAddress!, "/register", "县扶贫办 王干事（县扶贫办经办人）");
        var heading = page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "建档立卡户名册导入", Level = 1 });
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        // Saved before the assertions so a failing layout can be seen, not just read about.
        await Screenshots.SaveAsync(page, "register-phone");

        Assert.Equal((int)HttpStatusCode.OK, response.Status);
        Assert.Equal("/register", new Uri(page.Url).AbsolutePath);
        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.True(await heading.IsVisibleAsync(), "The page heading 建档立卡户名册导入 is not visible.");
        Assert.True(await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "禄丰县（532331）" }).CountAsync() == 1, "The registered county is not in the county list.");
        Assert.True(scrollWidth <= PhoneWidth, $"The page is {scrollWidth} px wide on a {PhoneWidth} px phone: it scrolls sideways.");
    }
}
