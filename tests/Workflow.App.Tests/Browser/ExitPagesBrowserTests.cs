using System.Net;
using Microsoft.Playwright;
using Workflow.Domain.Exits;
using Workflow.App.Exits;
using Workflow.App.Tests.Exits;
using Workflow.Testing.Browser;
using Xunit;

namespace Workflow.App.Tests.Browser;

/// <summary>
/// The exit pages the public and the cadres open from a phone — the approval link, the printable notice with its QR
/// code and the objection form — in a real phone-sized chromium against the real app. The HTTP tests prove what the
/// server sends; only a browser proves what a person sees: that the ID number stays masked, that the form's own
/// checks and the server's agree, that text typed by one person shows as text (not markup or script) to the next,
/// and that the notice prints without its button. Not in the Azurite collection: <see cref="ExitTestBed"/> runs its own.
/// </summary>
public sealed class ExitPagesBrowserTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>
{
    private const int PhoneWidth = 390;
    private const string XssUndefined = "typeof window.__xss === 'undefined'";

    [Fact]
    public async Task The_approval_page_masks_the_id_needs_a_reason_to_reject_and_shows_a_comment_as_text_at_the_next_step()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await bed.StartCaseAsync(0);
        var fullId = bed.Households[0].Household.Head.IdNumber.Reveal();
        var link = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Appraisal, ExitTestBed.Recipient("VillageCommittee", c));
        var page = await chromium.NewPhonePageAsync();

        var response = await page.GotoAsync(Absolute(bed, link));
        var heading = page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "脱贫退出审核", Level = 1 });
        var idCell = page.Locator("tr", new PageLocatorOptions { Has = page.Locator("th", new PageLocatorOptions { HasTextString = "身份证号" }) }).Locator("td");
        var indicatorRows = page.Locator("h2:text-is('退出指标（7项）') + div.scroll tr:has(td)");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        // A label's text laid out in more than one line box has wrapped (one character per line, at worst).
        var wrappedLabels = await page.EvaluateAsync<string[]>("""
            [...document.querySelectorAll('table.summary th')]
              .filter(th => { const r = document.createRange(); r.selectNodeContents(th); return r.getClientRects().length > 1; })
              .map(th => th.textContent)
            """);
        var actionTop = await page.Locator("section.action").EvaluateAsync<double>("e => e.getBoundingClientRect().top");
        await Screenshots.SaveAsync(page, "exit-approval-phone");

        Assert.Equal((int)HttpStatusCode.OK, response?.Status);
        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.True(await heading.IsVisibleAsync(), "The page heading 脱贫退出审核 is not visible.");
        Assert.Contains("********", await idCell.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(18, fullId.Length);
        Assert.DoesNotContain(fullId, await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(fullId, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(7, await indicatorRows.CountAsync());
        Assert.True(scrollWidth <= PhoneWidth, $"The approval page is {scrollWidth} px wide on a {PhoneWidth} px phone: it scrolls sideways.");
        Assert.Empty(wrappedLabels);
        Assert.True(actionTop < 844, $"The decision form starts {actionTop} px down the page, below the first screen of a phone.");

        // The comment box is optional in HTML (only a rejection needs it), so the browser lets the form go and the server must refuse it.
        await page.GetByRole(AriaRole.Radio, new PageGetByRoleOptions { Name = "不同意", Exact = true }).CheckAsync();
        await page.GetByLabel("办理人姓名").FillAsync("李主任");
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "提交审核结论" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/decide/", StringComparison.Ordinal));
        var alert = page.GetByRole(AriaRole.Alert);
        await alert.WaitForAsync();

        Assert.Equal((int)HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("不同意时必须填写意见", await alert.InnerTextAsync(), StringComparison.Ordinal);
        var untouched = await bed.DetailAsync(c.CaseId);
        Assert.Equal(ExitCaseStatus.InProgress, untouched.Case.Status);
        Assert.Equal(ExitProcedure.Appraisal, untouched.Case.CurrentStep);
        Assert.DoesNotContain(untouched.Timeline, t => t.Kind == TimelineKinds.Decided);

        const string comment = "入户核实无误。<script>window.__xss=1</script><b>粗体</b>";
        await page.GetByRole(AriaRole.Radio, new PageGetByRoleOptions { Name = "同意", Exact = true }).CheckAsync();
        await page.GetByLabel("办理人姓名").FillAsync("李主任");
        await page.GetByLabel("意见（不同意时必填）").FillAsync(comment);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "提交审核结论" }).ClickAsync();
        var submitted = page.Locator("p.ok[data-decision]");
        await submitted.WaitForAsync();
        await Screenshots.SaveAsync(page, "exit-approval-submitted");

        Assert.Contains("审核结论已提交", await submitted.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("approve", await submitted.GetAttributeAsync("data-decision"));

        // The next approver sees what the first one typed, character for character, and nothing of it runs.
        var next = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Verification, ExitTestBed.Recipient("WorkTeam", c));
        await page.GotoAsync(Absolute(bed, next));
        var history = page.Locator("h2:text-is('办理记录') + ul.messages");
        var decided = history.Locator("li", new LocatorLocatorOptions { HasTextString = "意见：" + comment });

        Assert.Equal(1, await decided.CountAsync());
        Assert.Equal(0, await history.Locator("b").CountAsync());
        Assert.Equal(0, await history.Locator("script").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>(XssUndefined), "The comment's script ran on the next approver's page.");
    }

    [Fact]
    public async Task The_notice_shows_a_qr_code_and_the_objection_address_and_prints_without_its_button()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var (_, noticeLink) = await DriveToNoticeAsync(bed, 1);
        var page = await chromium.NewPhonePageAsync();

        var response = await page.GotoAsync(Absolute(bed, noticeLink));
        var heading = page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "贫困户拟退出公示", Level = 1 });
        var qr = page.Locator(".qr svg");
        var printButton = page.Locator(".noprint");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await Screenshots.SaveAsync(page, "exit-notice-phone");

        Assert.Equal((int)HttpStatusCode.OK, response?.Status);
        Assert.True(await heading.IsVisibleAsync(), "The notice heading 贫困户拟退出公示 is not visible.");
        Assert.True(scrollWidth <= PhoneWidth, $"The notice is {scrollWidth} px wide on a {PhoneWidth} px phone: the objection address does not wrap.");
        await Assertions.Expect(qr).ToBeVisibleAsync();
        var objectionUrl = new Uri(await ObjectionUrlAsync(page));
        Assert.Equal(bed.Anonymous.BaseAddress!.Authority, objectionUrl.Authority);
        Assert.Equal(new Uri(noticeLink, UriKind.Relative).OriginalString.Replace("/notices/", "/objections/", StringComparison.Ordinal), objectionUrl.PathAndQuery);
        await Assertions.Expect(printButton).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        await Assertions.Expect(printButton).ToBeHiddenAsync();
        await Assertions.Expect(qr).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_objection_from_the_notice_is_recorded_verbatim_and_shows_as_text_to_the_township_reviewer()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var (c, noticeLink) = await DriveToNoticeAsync(bed, 2);
        var page = await chromium.NewPhonePageAsync();
        await page.GotoAsync(Absolute(bed, noticeLink));
        var objectionUrl = await ObjectionUrlAsync(page);

        const string reason = "该户家中仍有适龄儿童失学。<img src=x onerror=\"window.__xss=1\">";
        var response = await page.GotoAsync(objectionUrl);
        await page.GetByLabel("联系方式（电话或住址）").FillAsync("13800000000");
        await page.GetByLabel("异议内容").FillAsync(reason);
        await Screenshots.SaveAsync(page, "exit-objection-form");

        Assert.Equal((int)HttpStatusCode.OK, response?.Status);
        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "提交异议" }).ClickAsync();
        var filed = page.Locator("p.ok[data-objection='filed']");
        await filed.WaitForAsync();

        Assert.Contains("您的异议已提交", await filed.InnerTextAsync(), StringComparison.Ordinal);
        var detail = await bed.WaitForAsync(c.CaseId, d => d.Objections.Count > 0, "an objection recorded");
        var objection = Assert.Single(detail.Objections);
        Assert.Equal(reason, objection.Reason);
        Assert.Equal("13800000000", objection.Contact);

        var review = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.ObjectionReviewCode + "-1", ExitTestBed.Recipient("TownshipApprover", c));
        var reviewResponse = await page.GotoAsync(Absolute(bed, review));
        var history = page.Locator("h2:text-is('办理记录') + ul.messages");
        var filedEntry = history.Locator("li", new LocatorLocatorOptions { HasTextString = "异议内容：" + reason });
        await Screenshots.SaveAsync(page, "exit-objection-review");

        Assert.Equal((int)HttpStatusCode.OK, reviewResponse?.Status);
        Assert.True(await page.GetByRole(AriaRole.Radio, new PageGetByRoleOptions { Name = "异议不成立，继续公示" }).IsVisibleAsync(),
            "The objection review does not offer its own verdicts.");
        Assert.Equal(1, await filedEntry.CountAsync());
        Assert.Equal(0, await history.Locator("img").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>(XssUndefined), "The objection's onerror handler ran on the reviewer's page.");
    }

    /// <summary>Approves the three steps before the notice and returns the case and the notice link the village committee received.</summary>
    private static async Task<(ExitCase Case, string NoticeLink)> DriveToNoticeAsync(ExitTestBed bed, int householdIndex)
    {
        var c = await bed.StartCaseAsync(householdIndex);
        await bed.ApproveAsync(c, ExitProcedure.Appraisal, "VillageCommittee");
        await bed.ApproveAsync(c, ExitProcedure.Verification, "WorkTeam");
        await bed.ApproveAsync(c, ExitProcedure.Consent, "Household");
        await bed.WaitForStepAsync(c.CaseId, ExitProcedure.Notice);
        var link = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Notice, ExitTestBed.Recipient("VillageCommittee", c), path: "/notices/");
        return (c, link);
    }

    /// <summary>The address printed under the QR code, as a villager would type it.</summary>
    private static async Task<string> ObjectionUrlAsync(IPage page) => (await page.Locator(".qr + p.meta").InnerTextAsync()).Trim();

    private static string Absolute(ExitTestBed bed, string pathAndQuery) => new Uri(bed.Anonymous.BaseAddress!, pathAndQuery).AbsoluteUri;
}
