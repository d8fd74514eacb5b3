using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Workflow.Domain.Plans;
using Workflow.App.Campaigns;
using Workflow.App.Tests.Campaigns;
using Workflow.App.Tests.Exits;
using Workflow.Testing.Browser;
using Xunit;

namespace Workflow.App.Tests.Browser;

/// <summary>
/// The campaign board (攻坚看板) in a real chromium as the county office uses it: the advance button asks for
/// confirmation and, with a failing gate, shows what blocks it; the override needs a reason (the browser refuses an
/// empty or blank one, and so does the server when the browser's check is bypassed); the head of the office overrides
/// with a reason and the board moves on. On a 390 px phone the board does not scroll sideways. The phase after
/// 考核评估 is named with quotes, as a county may write it, so the confirmations must carry any text.
/// </summary>
public sealed class CampaignConsoleBrowserTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>
{
    private const string County = "220881";
    private const string Rectification = "百日整改（'回头看'）";
    private const int PhoneWidth = 390;
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static DateTimeOffset At(int month, int day, int hour = 0) => new(2018, month, day, hour, 0, 1, Beijing);

    /// <summary>洮南 2018 with 百日会战 advanced and 考核评估 open on 2 July, its findings not yet entered.</summary>
    private static async Task<CampaignTestBed> StartInAssessmentAsync()
    {
        var bed = await CampaignTestBed.StartAsync(At(3, 19, 9));
        var template = PlanTemplates.For(County, 2018);
        var plan = template with { Phases = template.Phases.Select(p => p.Key == "HundredDayRectification" ? p with { Name = Rectification } : p).ToList() };
        Assert.Equal(HttpStatusCode.Created, (await bed.Officer.PostAsJsonAsync($"/api/counties/{County}/campaigns", new { plan }, ExitTestBed.Json)).StatusCode);
        await bed.MoveToAsync(At(3, 20));
        await bed.WaitForPhaseAsync(County, 2018, "HundredDayCampaign", PhaseState.Open);
        Assert.Equal(HttpStatusCode.Accepted, (await bed.AdvanceAsync(bed.Officer, County, 2018, "HundredDayCampaign")).StatusCode);
        await bed.WaitForPhaseAsync(County, 2018, "Assessment", PhaseState.AwaitingStart);
        await bed.MoveToAsync(At(7, 2, 10));
        await bed.WaitForPhaseAsync(County, 2018, "Assessment", PhaseState.Open);
        return bed;
    }

    [Fact]
    public async Task A_failing_gate_shows_its_blockers_the_override_needs_a_reason_and_the_admin_moves_the_board_on()
    {
        await using var bed = await StartInAssessmentAsync();
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai",
        });
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        var answer = true;
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            if (answer)
            {
                await dialog.AcceptAsync();
            }
            else
            {
                await dialog.DismissAsync();
            }
        };
        var board = $"/console?county={County}";
        Assert.Equal((int)HttpStatusCode.OK, (await page.SignInAsync(bed.Anonymous.BaseAddress!, board, "县扶贫办 李主任（县扶贫办负责人）")).Status);
        var advance = page.Locator("#advance");
        var reason = page.GetByLabel("强制推进理由（必填，将记入审计）");
        var overrideButton = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "强制推进" });
        await Screenshots.SaveAsync(page, "campaign-board-gate-failing");

        // Dismissing the confirmation sends nothing.
        answer = false;
        await advance.ClickAsync();
        Assert.Equal(["确认结束“考核评估”并推进到“百日整改（'回头看'）”？"], dialogs);
        Assert.Equal(0, await page.GetByRole(AriaRole.Alert).CountAsync());

        // Confirmed, the advance is refused and the page lists what blocks it.
        answer = true;
        var refused = await page.RunAndWaitForResponseAsync(() => advance.ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal((int)HttpStatusCode.Conflict, refused.Status);
        Assert.Equal(2, dialogs.Count);
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("推进条件未满足，不能推进。");
        await Assertions.Expect(alert.Locator("ul.blockers li")).ToHaveTextAsync(["结束「考核评估」前：已录入第三方评估反馈问题——尚未录入第三方评估反馈问题"]);
        await Screenshots.SaveAsync(page, "campaign-board-blockers");

        // The browser refuses an empty and a blank reason, in Chinese, and submits nothing.
        var posts = 0;
        page.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;
        foreach (var blank in new[] { string.Empty, "   " })
        {
            await reason.FillAsync(blank);
            await overrideButton.ClickAsync();
            Assert.Equal("请填写强制推进理由（不能只有空格）。", await reason.EvaluateAsync<string>("e => e.validationMessage"));
            await Assertions.Expect(page.Locator("#reason-error")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#reason-error")).ToHaveTextAsync("请填写强制推进理由（不能只有空格）。");
        }

        Assert.Equal(0, posts);
        await Screenshots.SaveAsync(page, "campaign-board-reason-required");

        // With the browser's check taken away, the server refuses the blank reason the same way, visibly.
        await reason.EvaluateAsync("e => { e.removeAttribute('required'); e.form.noValidate = true; e.setCustomValidity(''); }");
        await reason.FillAsync("  ");
        var blankPosted = await page.RunAndWaitForResponseAsync(() => page.EvaluateAsync("() => document.getElementById('override').requestSubmit()"), r => r.Request.Method == "POST");
        Assert.Equal((int)HttpStatusCode.BadRequest, blankPosted.Status);
        await page.WaitForDocumentAsync("/console/advance");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("强制推进须填写理由（不超过 500 字）。");
        Assert.Equal("考核评估", await page.Locator("li[data-state='Open'] strong").InnerTextAsync());

        // With a reason, confirmed, the head of the office advances; the board then shows the next phase.
        await page.GetByLabel("强制推进理由（必填，将记入审计）").FillAsync("第三方评估组推迟反馈，经县领导小组同意先行整改");
        dialogs.Clear();
        var accepted = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "强制推进" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal((int)HttpStatusCode.OK, accepted.Status);
        Assert.Equal(["确认在推进条件未满足时强制结束“考核评估”并推进到“百日整改（'回头看'）”？理由将记入审计。"], dialogs);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已提交：结束“考核评估”，推进到“百日整改（'回头看'）”。");
        await bed.WaitForPhaseAsync(County, 2018, "HundredDayRectification", PhaseState.AwaitingStart);
        await page.GotoAsync(new Uri(bed.Anonymous.BaseAddress!, board).AbsoluteUri);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = $"待启动：{Rectification}" })).ToBeVisibleAsync();
        Assert.Equal("Closed", await page.Locator("li[data-phase='Assessment']").GetAttributeAsync("data-state"));
        await Assertions.Expect(page.Locator(".history")).ToContainTextAsync("第三方评估组推迟反馈");

        // Started early (confirmed), the phase becomes the current one.
        dialogs.Clear();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"提前启动“{Rectification}”" }).ClickAsync();
        Assert.Equal([$"确认提前启动“{Rectification}”？"], dialogs);
        await bed.WaitForPhaseAsync(County, 2018, "HundredDayRectification", PhaseState.Open);
        await page.GotoAsync(new Uri(bed.Anonymous.BaseAddress!, board).AbsoluteUri);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = $"当前阶段：{Rectification}" })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("typeof window.__xss === 'undefined'"));
        await Screenshots.SaveAsync(page, "campaign-board-advanced");
        await context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_the_board_does_not_scroll_sideways()
    {
        await using var bed = await StartInAssessmentAsync();
        var page = await chromium.NewPhonePageAsync();

        Assert.Equal((int)HttpStatusCode.OK, (await page.SignInAsync(bed.Anonymous.BaseAddress!, $"/console?county={County}", "县扶贫办 李主任（县扶贫办负责人）")).Status);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.RunAndWaitForResponseAsync(() => page.Locator("#advance").ClickAsync(), r => r.Request.Method == "POST");
        await page.WaitForDocumentAsync("/console/advance");
        await Assertions.Expect(page.Locator("ul.blockers li")).ToHaveCountAsync(1);
        var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var widest = await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + '.' + e.className).join(', ')");
        await Screenshots.SaveAsync(page, "campaign-board-phone");

        Assert.True(pageWidth <= PhoneWidth, $"The board is {pageWidth} px wide on a {PhoneWidth} px phone; too wide: {widest}.");
        await Assertions.Expect(page.Locator("ol.phases li")).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByLabel("强制推进理由（必填，将记入审计）")).ToBeVisibleAsync();
    }

}
