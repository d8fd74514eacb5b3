using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Workflow.App.Monitoring;
using Workflow.App.Notifications;
using Workflow.App.Tests.Monitoring;
using Workflow.Domain.Calendar;
using Workflow.Testing.Browser;
using Xunit;

namespace Workflow.App.Tests.Browser;

/// <summary>
/// The link pages a 帮扶责任人 opens on a 390 px phone, in a real chromium: the monthly check is filled in by
/// its labels (number inputs, checkboxes), a negative income is stopped by the browser and, where a browser does not
/// check, refused by the app in zh-CN with the entries kept; the corrected check is confirmed. The console's 动态监测 then
/// reads on the phone with its wide tables scrolling inside their boxes.
/// Each page is checked as the tour checks it: axe, and nothing wider than the screen.
/// </summary>
public sealed class MonitoringPagesBrowserTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>
{
    private static readonly Viewport Phone = Viewport.Phone;

    [Fact]
    public async Task On_a_phone_a_cadre_fills_in_the_monthly_check_a_negative_income_is_refused_in_chinese_and_the_console_view_fits()
    {
        // Monday 2 March 2020, 09:00 in Beijing.
        await using var bed = await MonitoringTestBed.StartAsync(ShanghaiTime.StartOf(new DateOnly(2020, 3, 2)).AddHours(9));
        using var round = await bed.Officer.PostAsJsonAsync($"/api/counties/{MonitoringTestBed.County}/monitoring/rounds", new { month = "2020-03" });
        Assert.Equal(HttpStatusCode.Created, round.StatusCode);
        var messages = await bed.WaitForMessagesAsync(MonitoringRecipients.Cadre(MonitoringTestBed.Bicheng, "李帮扶"), m => m.Kind == NotificationKinds.DecisionAwaited, 2);
        var link = messages.Where(m => m.Text.Contains(MonitoringTestBed.Monitored, StringComparison.Ordinal)).Select(m => m.Link!.PathAndQuery).Single();
        var baseAddress = bed.Anonymous.BaseAddress!;

        await using var watched = await WatchedPage.OpenAsync(chromium.Browser, Phone);
        var page = watched.Page;
        Assert.Equal((int)HttpStatusCode.OK, (await watched.GoAsync(new Uri(baseAddress, link))).Status);
        await Screenshots.SaveAsync(page, "monitoring-check-phone");
        await PhoneFit.AssertFitsAsync(page, "the check form");

        var income = page.GetByLabel("预计全年人均纯收入（元）");
        await page.GetByLabel("监测人姓名").FillAsync("李帮扶");
        await page.GetByLabel("入户日期").FillAsync("2020-03-02");
        await income.FillAsync("-100");
        foreach (var guarantee in new[] { "不愁吃", "不愁穿", "义务教育有保障", "基本医疗有保障", "住房安全有保障", "饮水安全有保障" })
        {
            await page.GetByLabel(guarantee).CheckAsync();
        }

        await page.GetByLabel("家庭成员死亡人数").FillAsync("0");
        var submit = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "提交监测" });

        // The phone's browser stops a negative income before it is sent (min="0")…
        var before = page.Url;
        await submit.ClickAsync();
        Assert.True(await income.EvaluateAsync<bool>("e => e.validity.rangeUnderflow"), "The browser let a negative income through its own check.");
        Assert.Equal(before, page.Url);
        Assert.Equal(0, await page.GetByRole(AriaRole.Alert).CountAsync());

        // …and where a browser does not check, the app refuses it in zh-CN and keeps what was entered.
        await page.Locator("form").EvaluateAsync("f => { f.noValidate = true; }");
        var refused = await watched.SubmitAsync(() => submit.ClickAsync());
        await Screenshots.SaveAsync(page, "monitoring-check-refused-phone");
        Assert.Equal((int)HttpStatusCode.BadRequest, refused.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("预计全年人均纯收入不能为负数。");
        Assert.Equal("李帮扶", await page.GetByLabel("监测人姓名").InputValueAsync());
        Assert.Equal("-100", await income.InputValueAsync());
        Assert.True(await page.GetByLabel("饮水安全有保障").IsCheckedAsync(), "The refused form lost its ticks.");
        await PhoneFit.AssertFitsAsync(page, "the refused form");

        await income.FillAsync("5000");
        var filed = await watched.SubmitAsync(() => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "提交监测" }).ClickAsync());
        await Screenshots.SaveAsync(page, "monitoring-check-filed-phone");
        Assert.Equal((int)HttpStatusCode.OK, filed.Status);
        await Assertions.Expect(page.Locator("[data-checked='ok']")).ToContainTextAsync("2020年3月监测已提交，未发现预警情形");
        await PhoneFit.AssertFitsAsync(page, "the confirmation");

        // The office reads the month on a phone: the page stays 390 px wide and the wide tables scroll in their boxes.
        await watched.SignInAsync(baseAddress, RunningApp.CountyOfficer);
        Assert.Equal((int)HttpStatusCode.OK, (await watched.GoAsync(new Uri(baseAddress, $"/console/monitoring?county={MonitoringTestBed.County}&month=202003"))).Status);
        await Screenshots.SaveAsync(page, "console-monitoring-phone");
        await PhoneFit.AssertFitsAsync(page, "the console's 动态监测");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('main table')].filter(t => !t.closest('.scroll') && t.getBoundingClientRect().width > 390).length"));
        var wide = page.Locator(".scroll").Filter(new LocatorFilterOptions { Has = page.Locator("table") });
        var scrolled = 0;
        for (var i = 0; i < await wide.CountAsync(); i++)
        {
            var box = wide.Nth(i);
            Assert.True(await box.EvaluateAsync<int>("e => e.clientWidth") <= Phone.Width, "A table's box is wider than the phone.");
            await box.EvaluateAsync("e => { e.scrollLeft = e.scrollWidth; }");
            scrolled += await box.EvaluateAsync<int>("e => e.scrollLeft") > 0 ? 1 : 0;
        }

        Assert.True(scrolled > 0, "No table of the console's 动态监测 is wider than its box on a phone: this test shows nothing about scrolling.");
    }
}
