using System.Net;
using Microsoft.Playwright;
using Workflow.App.Tests.Funds;
using Workflow.App.Tests.Projects;
using Workflow.Testing.Browser;
using Xunit;

namespace Workflow.App.Tests.Browser;

/// <summary>
/// A project's link pages on a 390 px phone in a real chromium: the village committee proposes through its step page;
/// after the village review the notice is printed, and a villager opens the objection form from the notice's address,
/// is refused in zh-CN for a blank reason with the contact kept, and files it. Each page is checked as the tour checks
/// it: axe, and nothing wider than the screen.
/// </summary>
public sealed class ProjectPagesBrowserTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>
{
    private static readonly Viewport Phone = Viewport.Phone;

    [Fact]
    public async Task On_a_phone_a_village_proposes_its_project_and_a_villager_objects_to_its_notice_through_the_form_its_qr_code_opens()
    {
        await using var bed = await FundTestBed.StartAsync();
        var walk = await ProjectWalk.ProposeAsync(bed);
        var baseAddress = bed.Anonymous.BaseAddress!;

        await using var watched = await WatchedPage.OpenAsync(chromium.Browser, Phone);
        var page = watched.Page;
        Assert.Equal((int)HttpStatusCode.OK, (await watched.GoAsync(new Uri(baseAddress, await walk.LinkAsync("proposal", "/project/step/", "proposal.0")))).Status);
        await Screenshots.SaveAsync(page, "project-step-phone");
        await AssertFitsAsync(page, "the step page");
        await page.GetByLabel("经办人姓名").FillAsync("王主任");
        var proposed = await watched.SubmitAsync(() => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "提交" }).ClickAsync());
        Assert.Equal((int)HttpStatusCode.OK, proposed.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已办理：提交申报");

        await walk.WaitForStepAsync("village-review.1");
        await walk.DecideAsync("village-review", "village-review.1", "approve");
        await walk.WaitForStepAsync("village-notice.2");
        Assert.Equal((int)HttpStatusCode.OK, (await watched.GoAsync(new Uri(baseAddress, await walk.LinkAsync("village-notice", "/project-notice/", "village-notice.2")))).Status);
        await Screenshots.SaveAsync(page, "project-notice-phone");
        await AssertFitsAsync(page, "the notice");
        Assert.Equal(1, await page.Locator(".qr svg").CountAsync());

        var objectionUrl = new Uri(await page.Locator("p.meta").InnerTextAsync());
        Assert.Equal((int)HttpStatusCode.OK, (await watched.GoAsync(objectionUrl)).Status);
        await Screenshots.SaveAsync(page, "project-objection-form-phone");
        await AssertFitsAsync(page, "the objection form");
        await page.GetByLabel("联系方式（电话或住址）").FillAsync("13800000000");
        await page.GetByLabel("异议内容").FillAsync("   ");
        // Blank is refused by the app where the browser lets it through (required is met by spaces).
        await page.Locator("form").EvaluateAsync("f => { f.noValidate = true; }");
        var refused = await watched.SubmitAsync(() => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "提交异议" }).ClickAsync());
        Assert.Equal((int)HttpStatusCode.BadRequest, refused.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("请填写异议内容");
        Assert.Equal("13800000000", await page.GetByLabel("联系方式（电话或住址）").InputValueAsync());

        await page.GetByLabel("异议内容").FillAsync("大棚选址离水源太近");
        var filed = await watched.SubmitAsync(() => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "提交异议" }).ClickAsync());
        await Screenshots.SaveAsync(page, "project-objection-filed-phone");
        Assert.Equal((int)HttpStatusCode.OK, filed.Status);
        await Assertions.Expect(page.Locator("[data-objection='filed']")).ToContainTextAsync("公示暂停");
        await AssertFitsAsync(page, "the objection's confirmation");
        await walk.LinkAsync("village-notice", "/project/review/", "village-notice.2.objection-1");
    }

    /// <summary>The tour's checks on one page: no serious or critical axe finding, nothing wider than the phone.</summary>
    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var problems = (await AccessibilityCheck.ProblemsAsync(page)).Concat(await OverflowCheck.ProblemsAsync(page, Phone.Width)).ToList();
        Assert.True(problems.Count == 0, $"{what}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }
}
