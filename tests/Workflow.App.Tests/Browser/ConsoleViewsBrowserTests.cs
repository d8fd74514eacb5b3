using System.Net;
using Microsoft.Playwright;
using Workflow.Domain.Exits;
using Workflow.Domain.Register;
using Workflow.App.Tests.Console;
using Workflow.Testing.Browser;
using Xunit;

namespace Workflow.App.Tests.Browser;

/// <summary>
/// The county console's exit pipeline and indicator dashboard in a real chromium: on the office's desktop screen, where
/// a count opens its cases and flags read as text, and on a 390 px phone, where the wide matrix scrolls inside its box
/// instead of widening the page. Not in the Azurite collection: <see cref="ConsoleTestBed"/> runs its own.
/// </summary>
public sealed class ConsoleViewsBrowserTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>
{
    private const int PhoneWidth = 390;
    private const string Officer = "县扶贫办 王干事（县扶贫办经办人）";

    [Fact]
    public async Task On_a_desktop_the_dashboard_flags_villages_in_words_and_a_pipeline_count_opens_its_cases()
    {
        await using var bed = await ConsoleTestBed.StartAsync();
        var household = bed.Households.First(x => x.Household.Status == PovertyStatus.NotExited);
        var started = await bed.StartCaseAsync(household.Household);
        await bed.WaitForAsync(started.CaseId, c => c.CurrentStep == ExitProcedure.Appraisal, "appraisal");
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
        });
        var page = await context.NewPageAsync();

        Assert.Equal((int)HttpStatusCode.OK, (await page.SignInAsync(bed.BaseAddress, $"/console/indicators?county={bed.CountyCode}", Officer)).Status);
        var heading = page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "指标监测", Level = 1 });
        var villageRows = page.Locator("#villages tr[data-village]");
        var firstFlag = villageRows.First.Locator(".flag");
        await Screenshots.SaveAsync(page, "console-indicators-desktop");

        Assert.True(await heading.IsVisibleAsync(), "The heading 指标监测 is not visible.");
        Assert.Equal(4, await villageRows.CountAsync());
        // Not colour alone: every flag says what it means.
        foreach (var flag in await page.Locator("#villages .flag").AllInnerTextsAsync())
        {
            Assert.True(flag is "✓ 达标" or "✗ 未确认达标", $"A village flag reads “{flag}”.");
        }

        Assert.Equal("✗ 未确认达标", await firstFlag.InnerTextAsync());
        Assert.Equal(1, await page.Locator("#villages th", new PageLocatorOptions { HasTextString = ConsoleTestBed.HtmlVillage }).CountAsync());
        Assert.Equal(0, await page.Locator("#villages img").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("typeof window.__xss === 'undefined'"), "A village name ran as markup.");
        await Assertions.Expect(page.Locator("#unanswered")).ToContainTextAsync("农村户籍人口");

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "退出进度" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "退出进度", Level = 1 }).WaitForAsync();
        await Screenshots.SaveAsync(page, "console-exits-desktop");
        var township = page.Locator("#exit-pipeline tr", new PageLocatorOptions { Has = page.Locator($"th[data-township='{started.TownshipCode}']") });
        await township.Locator("td").First.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "1" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "脱贫退出案件", Level = 1 }).WaitForAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = started.CaseId })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("共 1 件");
        await context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_the_pipeline_matrix_scrolls_inside_its_box_and_the_page_does_not_widen()
    {
        await using var bed = await ConsoleTestBed.StartAsync();
        var page = await chromium.NewPhonePageAsync();

        Assert.Equal((int)HttpStatusCode.OK, (await page.SignInAsync(bed.BaseAddress, $"/console/exits?county={bed.CountyCode}", Officer)).Status);
        var box = page.Locator(".scroll", new PageLocatorOptions { Has = page.Locator("#exit-pipeline") });
        var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var (boxScroll, boxClient) = (await box.EvaluateAsync<int>("e => e.scrollWidth"), await box.EvaluateAsync<int>("e => e.clientWidth"));
        await Screenshots.SaveAsync(page, "console-exits-phone");
        await box.EvaluateAsync("e => e.scrollLeft = e.scrollWidth");
        var scrolled = await box.EvaluateAsync<int>("e => e.scrollLeft");
        await Screenshots.SaveAsync(page, "console-exits-phone-scrolled");

        Assert.True(pageWidth <= PhoneWidth, $"The page is {pageWidth} px wide on a {PhoneWidth} px phone: the matrix widens it.");
        Assert.True(boxScroll > boxClient, $"The matrix ({boxScroll} px) fits its box ({boxClient} px): this phone test shows nothing about scrolling.");
        Assert.True(scrolled > 0, "The matrix's box does not scroll sideways.");
        await Assertions.Expect(page.Locator("#exit-pipeline th", new PageLocatorOptions { HasTextString = "已撤回" })).ToBeVisibleAsync();
    }

}
