using System.Net;
using Microsoft.Playwright;
using Workflow.Domain.Rectification;
using Workflow.Testing.Browser;
using Xunit;

namespace Workflow.App.Tests.Rectification;

/// <summary>
/// What people see in a real chromium: the unit's submit page on a phone (it fits, the form needs evidence, a
/// description with script shows as text and does not run) and the county's 督办单 as printed (no button, no console
/// navigation).
/// </summary>
public sealed class LedgerBrowserTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>
{
    private const int PhoneWidth = 390;
    private const string Description = "危房改造未验收<script>window.__xss=1</script>";

    [Fact]
    public async Task A_unit_submits_from_a_phone_and_the_county_prints_the_supervision_notice()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var item = await bed.EnterAsync(LedgerTestBed.Finding(description: Description, deadline: "2026-03-02"));
        bed.Advance(TimeSpan.FromDays(1));
        var link = await bed.SubmitLinkAsync(item, count: 2);
        var page = await chromium.NewPhonePageAsync();

        var response = await page.GotoAsync(Absolute(bed, link));
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await Screenshots.SaveAsync(page, "rectification-submit-phone");

        Assert.Equal((int)HttpStatusCode.OK, response?.Status);
        Assert.True(scrollWidth <= PhoneWidth, $"The submit page is {scrollWidth} px wide on a {PhoneWidth} px phone.");
        Assert.Contains(Description, await page.Locator("td.description").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("typeof window.__xss === 'undefined'"));

        // No file: the browser lets the form go (the field is not required in HTML, evidence may be uploaded before), the server refuses.
        await page.GetByLabel("整改情况说明（必填）").FillAsync("已组织验收");
        await page.GetByLabel("办理人姓名").FillAsync("李主任");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "提交整改" }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        await alert.WaitForAsync();
        Assert.Contains("须附佐证材料", await alert.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("已组织验收", await page.GetByLabel("整改情况说明（必填）").InputValueAsync());

        await page.GetByLabel("佐证材料（必附，JPEG/PNG/PDF，可多选）").SetInputFilesAsync(new FilePayload { Name = "验收照片.jpg", MimeType = "image/jpeg", Buffer = LedgerTestBed.Jpeg });
        await page.GetByLabel("办理人姓名").FillAsync("李主任");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "提交整改" }).ClickAsync();
        var done = page.Locator("p.ok[data-verdict]");
        await done.WaitForAsync();
        Assert.Equal("Submitted", await done.GetAttributeAsync("data-verdict"));
        await bed.WaitForStatusAsync(item.ItemId, RectificationStatus.Submitted);

        var signIn = await page.Context.APIRequest.PostAsync(Absolute(bed, "/dev/signin"), new APIRequestContextOptions
        {
            Form = page.Context.APIRequest.CreateFormData().Set("user", "县扶贫办 王干事|CountyOfficer").Set("returnUrl", "/"),
            MaxRedirects = 0,
        });
        Assert.Equal((int)HttpStatusCode.Redirect, signIn.Status);
        await page.GotoAsync(Absolute(bed, $"/rectifications/{item.ItemId}/supervision-notice"));
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Screenshots.SaveAsync(page, "rectification-supervision-notice-print");

        Assert.Equal("2026-03-10", await page.Locator("[data-new-deadline]").InnerTextAsync());
        Assert.False(await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "打印督办单" }).IsVisibleAsync());
        Assert.Contains(Description, await page.Locator("td.description").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("typeof window.__xss === 'undefined'"));
    }

    private static string Absolute(LedgerTestBed bed, string pathAndQuery) => new Uri(bed.Anonymous.BaseAddress!, pathAndQuery).AbsoluteUri;
}
