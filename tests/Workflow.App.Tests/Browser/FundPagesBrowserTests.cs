using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflow.App.Funds;
using Workflow.App.Funds.Reports;
using Workflow.App.Notifications;
using Workflow.App.Tests.Funds;
using Workflow.Domain.Funds;
using Workflow.Testing.Browser;
using Xunit;

namespace Workflow.App.Tests.Browser;

/// <summary>
/// Fund disbursement's pages on a 390 px phone in a real chromium (issue 21's Show): a payer records a payment, a
/// township's 财政所 confirms its monthly report, and the township's 资金公告公示 is printed by the county and opened by
/// its QR code, where a villager files an objection. Each is filled in by its labels, a refused entry comes back in zh-CN with what was entered kept, and
/// every page is checked as the tour checks it.
/// </summary>
public sealed class FundPagesBrowserTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>
{
    /// <summary>A PNG's signature and header start: what the evidence store judges a PNG by.</summary>
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public async Task On_a_phone_a_payer_records_a_payment_a_web_page_passed_off_as_a_voucher_is_refused_and_a_png_is_kept()
    {
        await using var bed = await FundTestBed.StartAsync();
        var allocation = await bed.AllocateAsync(bed.Form());
        var link = await bed.LinkAsync(FundRecipients.Payer(allocation, DisbursementStage.CountyToFinanceOffice), "/pay/record/", allocation.AllocationId, DisbursementStep.CountyStep);

        await using var watched = await WatchedPage.OpenAsync(chromium.Browser, Viewport.Phone);
        var page = watched.Page;
        Assert.Equal((int)HttpStatusCode.OK, (await watched.GoAsync(new Uri(bed.Anonymous.BaseAddress!, link))).Status);
        await Screenshots.SaveAsync(page, "fund-payment-phone");
        await PhoneFit.AssertFitsAsync(page, "the payment form");

        await page.GetByLabel("拨付金额").FillAsync("100000");
        await page.GetByLabel("拨付日期").FillAsync("2026-03-02");
        var voucher = page.GetByLabel("拨付凭证（必附，JPEG/PNG/PDF）");
        await voucher.SetInputFilesAsync(new FilePayload { Name = "凭证.png", MimeType = "image/png", Buffer = Encoding.UTF8.GetBytes("<html><body>不是图片</body></html>") });
        await page.GetByLabel("经办人姓名").FillAsync("刘会计");
        var submit = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "登记拨付" });

        // The declared type says PNG; the bytes say a web page: refused in zh-CN, the entries kept, nothing paid.
        var refused = await watched.SubmitAsync(() => submit.ClickAsync());
        await Screenshots.SaveAsync(page, "fund-payment-refused-phone");
        Assert.Equal((int)HttpStatusCode.BadRequest, refused.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("凭证.png");
        Assert.Equal("刘会计", await page.GetByLabel("经办人姓名").InputValueAsync());
        Assert.Equal("100000", await page.GetByLabel("拨付金额").InputValueAsync());
        await PhoneFit.AssertFitsAsync(page, "the refused payment form");
        Assert.Null((await bed.DetailAsync(allocation.AllocationId)).Steps.Single().PaidOn);

        await page.GetByLabel("拨付凭证（必附，JPEG/PNG/PDF）").SetInputFilesAsync(new FilePayload { Name = "拨付凭证.png", MimeType = "image/png", Buffer = Png });
        // The button asks to confirm (data-confirm); the watched page accepts, as a person would.
        var paid = await watched.SubmitAsync(() => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "登记拨付" }).ClickAsync());
        await Screenshots.SaveAsync(page, "fund-payment-paid-phone");
        Assert.Equal((int)HttpStatusCode.OK, paid.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("100,000.00 元已登记拨付");
        await PhoneFit.AssertFitsAsync(page, "the payment's confirmation");
        var detail = await bed.WaitForAsync(allocation.AllocationId, d => d.Steps.Any(s => s.Step == DisbursementStep.CountyStep && s.PaidOn is not null), "the county step paid");
        Assert.Single(detail.Audit, a => a.Action == "pay");
    }

    [Fact]
    public async Task On_a_phone_a_township_confirms_its_monthly_report_and_an_empty_note_is_refused_with_the_name_kept()
    {
        await using var bed = await FundTestBed.StartAsync();
        await bed.AllocateAsync(bed.Form());
        bed.AdvanceTo(new DateTimeOffset(2026, 3, 31, 9, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(1, await bed.Services.GetRequiredService<FundReportRound>().SendAsync(CancellationToken.None));
        var link = await ReportLinkAsync(bed, FundReportLinks.Recipient(bed.Township.Code));

        await using var watched = await WatchedPage.OpenAsync(chromium.Browser, Viewport.Phone);
        var page = watched.Page;
        Assert.Equal((int)HttpStatusCode.OK, (await watched.GoAsync(new Uri(bed.Anonymous.BaseAddress!, link))).Status);
        await Screenshots.SaveAsync(page, "fund-report-phone");
        await PhoneFit.AssertFitsAsync(page, "the monthly report");
        await Assertions.Expect(page.Locator("[data-allocated]")).ToContainTextAsync("100,000.00 元");

        await page.GetByLabel("以上数据与本镇资金账目一致").CheckAsync();
        await page.GetByLabel("报告人姓名").FillAsync("刘会计");
        var note = page.GetByLabel("资金使用情况说明");
        await note.FillAsync("   ");
        // A note of spaces passes the browser's required check; the app refuses it and keeps the rest.
        var refused = await watched.SubmitAsync(() => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "确认上报" }).ClickAsync());
        Assert.Equal((int)HttpStatusCode.BadRequest, refused.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("请填写资金使用情况说明");
        Assert.Equal("刘会计", await page.GetByLabel("报告人姓名").InputValueAsync());
        await PhoneFit.AssertFitsAsync(page, "the refused report");
        Assert.Empty(await bed.Services.GetRequiredService<FundReportStore>().ListAsync(bed.Places.Code, "2026-03", CancellationToken.None));

        await page.GetByLabel("以上数据与本镇资金账目一致").CheckAsync();
        await page.GetByLabel("资金使用情况说明").FillAsync("本月资金已到镇财政所，尚无项目村申请。");
        var reported = await watched.SubmitAsync(() => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "确认上报" }).ClickAsync());
        await Screenshots.SaveAsync(page, "fund-report-confirmed-phone");
        Assert.Equal((int)HttpStatusCode.OK, reported.Status);
        await Assertions.Expect(page.Locator("[data-outcome='reported']")).ToBeVisibleAsync();
        await PhoneFit.AssertFitsAsync(page, "the report's confirmation");
        Assert.Equal("刘会计", Assert.Single(await bed.Services.GetRequiredService<FundReportStore>().ListAsync(bed.Places.Code, "2026-03", CancellationToken.None)).Value.ConfirmedBy);
    }

    [Fact]
    public async Task On_a_phone_the_county_prints_the_township_fund_notice_and_its_qr_code_opens_the_same_notice_without_sign_in()
    {
        await using var bed = await FundTestBed.StartAsync();
        var allocation = await bed.AllocateAsync(bed.Form());
        var id = allocation.AllocationId;
        Assert.Equal(HttpStatusCode.OK, (await bed.PayAsync(await bed.LinkAsync(FundRecipients.Payer(allocation, DisbursementStage.CountyToFinanceOffice), "/pay/record/", id, DisbursementStep.CountyStep),
            "100000", "2026-03-02")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bed.PayAsync(await bed.LinkAsync(FundRecipients.Payer(allocation, DisbursementStage.FinanceToEconomicOffice), "/pay/record/", id, DisbursementStep.FinanceStep),
            "100000", "2026-03-02")).StatusCode);
        var village = bed.Township.Villages[0];
        Assert.Equal(HttpStatusCode.OK, (await bed.RequestAsync(await bed.LinkAsync(FundRecipients.EconomicOffice(allocation), "/pay/request/", id, DisbursementStep.RequestStep(1)),
            village, "60000")).StatusCode);
        await bed.WaitForAsync(id, d => d.Steps.Count == 3, "the village's request open");

        await using var county = await WatchedPage.OpenAsync(chromium.Browser, Viewport.Phone);
        await county.SignInAsync(bed.Anonymous.BaseAddress!, RunningApp.CountyOfficer);
        Assert.Equal((int)HttpStatusCode.OK, (await county.GoAsync(new Uri(bed.Anonymous.BaseAddress!, $"/funds/notice/{bed.Places.Code}/{bed.Township.Code}"))).Status);
        await Screenshots.SaveAsync(county.Page, "fund-notice-phone");
        await PhoneFit.AssertFitsAsync(county.Page, "the printable notice");
        await Assertions.Expect(county.Page.Locator("[data-allocated]")).ToHaveTextAsync("100,000.00");
        await Assertions.Expect(county.Page.Locator($"[data-village='{village.Code}']")).ToContainTextAsync("未拨付");
        Assert.Equal(1, await county.Page.Locator(".qr svg").CountAsync());
        await Assertions.Expect(county.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "打印公示" })).ToBeVisibleAsync();
        var printed = (await county.Page.Locator("p.meta").InnerTextAsync()).Trim();
        Assert.Contains("/pay/notice/", printed, StringComparison.Ordinal);

        // A villager scans the code: a phone with no sign-in sees the same notice, current, without a code of its own.
        await using var villager = await WatchedPage.OpenAsync(chromium.Browser, Viewport.Phone);
        Assert.Equal((int)HttpStatusCode.OK, (await villager.GoAsync(new Uri(printed))).Status);
        await Screenshots.SaveAsync(villager.Page, "fund-notice-scanned-phone");
        await PhoneFit.AssertFitsAsync(villager.Page, "the notice opened by its QR code");
        await Assertions.Expect(villager.Page.Locator("[data-allocated]")).ToHaveTextAsync("100,000.00");
        await Assertions.Expect(villager.Page.Locator($"[data-village='{village.Code}']")).ToContainTextAsync(village.Name);
        Assert.Equal(0, await villager.Page.Locator(".qr").CountAsync());
        Assert.Empty(await villager.PolicyViolationsAsync());

        // The villager objects through the notice's link: the same objection form as every 公示, filed for the county office.
        var form = await villager.SubmitAsync(() => villager.Page.Locator("[data-objection-link]").ClickAsync());
        Assert.Equal((int)HttpStatusCode.OK, form.Status);
        await Screenshots.SaveAsync(villager.Page, "fund-objection-phone");
        await PhoneFit.AssertFitsAsync(villager.Page, "the objection form");
        await villager.Page.GetByLabel("联系方式（电话或住址）").FillAsync("13800000000");
        await villager.Page.GetByLabel("异议内容").FillAsync($"{village.Name}的资金用途与村里张贴的不一致。");
        var filed = await villager.SubmitAsync(() => villager.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "提交异议" }).ClickAsync());
        Assert.Equal((int)HttpStatusCode.OK, filed.Status);
        await Assertions.Expect(villager.Page.Locator("[data-objection='filed']")).ToContainTextAsync("县扶贫办将进行核实处理");
        Assert.Single(await bed.Services.GetRequiredService<Workflow.App.Funds.Objections.FundObjectionStore>().ListAsync(bed.Places.Code, CancellationToken.None));
    }

    private static async Task<string> ReportLinkAsync(FundTestBed bed, string recipient)
    {
        var inbox = bed.Services.GetRequiredService<InboxChannel>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if ((await inbox.ReadAsync(recipient, 50, CancellationToken.None)).FirstOrDefault(m => m.Kind == FundReportRound.Kind) is { Link: { } link })
            {
                return link.PathAndQuery;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No monthly report link reached {recipient}.");
            await Task.Delay(100);
        }
    }
}
