using System.Net;
using System.Text;
using Workflow.Domain.Rectification;
using Workflow.App.Rectification;
using Xunit;

namespace Workflow.App.Tests.Rectification;

/// <summary>
/// The ledger's pages as a unit and a county officer meet them (issue 19): the link pages put their form first and
/// name units, steps and decisions as people know them; an unknown item says so; bad input is shown as text or
/// refused in zh-CN, and a body that is not the form changes nothing.
/// </summary>
public sealed class LedgerPageTests
{
    [Fact]
    public async Task Link_pages_put_the_form_first_and_every_page_names_units_steps_and_decisions_not_codes()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var item = await bed.EnterAsync(LedgerTestBed.Finding());
        var submit = await bed.SubmitLinkAsync(item);

        var submitPage = await bed.Anonymous.GetStringAsync(submit);
        AssertActionFirst(submitPage);
        Assert.Contains("办理人：<span data-holder>县住建局</span>", submitPage, StringComparison.Ordinal);
        Assert.DoesNotContain(RectificationRecipients.Unit(item), submitPage, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await bed.SubmitAsync(submit)).StatusCode);
        var verify = await bed.VerifyLinkAsync(item);
        var verifyPage = await bed.Anonymous.GetStringAsync(verify);
        AssertActionFirst(verifyPage);
        Assert.Contains("办理人：<span data-holder>县扶贫办</span>", verifyPage, StringComparison.Ordinal);
        Assert.Contains("第 1 轮整改提交", verifyPage, StringComparison.Ordinal);
        Assert.Contains("李主任（县住建局）", verifyPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await bed.VerifyAsync(verify, close: false, comment: "缺验收单")).StatusCode);
        await bed.WaitForAsync(item.ItemId, d => d.Item.Round == 2, "sent back");

        var itemPage = await bed.County.GetStringAsync($"/rectifications/{item.ItemId}");
        foreach (var named in new[] { "<td>第 1 轮整改提交</td>", "<td>第 1 轮核验销号</td>", "<td>提交整改情况</td>", "<td>退回重新整改</td>", "<td>县扶贫办</td>", "张核验（县扶贫办）" })
        {
            Assert.Contains(named, itemPage, StringComparison.Ordinal);
        }

        foreach (var code in new[] { "submit-1", "verify-1", ">send-back<", "CountyOfficer", RectificationRecipients.Unit(item) })
        {
            Assert.DoesNotContain(code, itemPage.Replace("data-action=\"send-back\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Json_text_and_empty_bodies_posted_to_a_valid_link_get_a_zh_cn_400_and_change_nothing()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var item = await bed.EnterAsync(LedgerTestBed.Finding());
        var submit = await bed.SubmitLinkAsync(item);

        foreach (var (type, body) in new[] { ("application/json", "{\"comment\":\"已整改\",\"name\":\"李主任\"}"), ("text/plain", "comment=已整改&name=李主任"), (null, string.Empty) })
        {
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = type is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(type);
            using var response = await bed.Anonymous.PostAsync(submit, content);
            var page = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("不是本页的表单，未作任何更改", page, StringComparison.Ordinal);
        }

        Assert.Empty((await bed.DetailAsync(item.ItemId)).Audit);
        Assert.Equal(HttpStatusCode.OK, (await bed.SubmitAsync(submit)).StatusCode);
    }

    [Fact]
    public async Task A_finding_or_statement_with_markup_crlf_or_a_hundred_thousand_characters_is_shown_as_text_or_refused_in_zh_cn()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var huge = new string('长', 100_000);

        var refused = await PostFindingAsync(bed, description: huge);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusal = await refused.Content.ReadAsStringAsync();
        Assert.Contains("问题描述不能超过1000字，实际为100000字", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(huge, refusal, StringComparison.Ordinal);
        Assert.Empty(await bed.ListAsync());

        var entered = await PostFindingAsync(bed, description: "第一行\r\n<script>alert(1)</script>第二行", category: "<b>住房</b>");
        Assert.Equal(HttpStatusCode.Redirect, entered.StatusCode);
        var item = Assert.Single(await bed.ListAsync());
        var itemPage = await bed.County.GetStringAsync(entered.Headers.Location!.OriginalString);
        Assert.Contains("第一行", itemPage, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;第二行", itemPage, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;住房&lt;/b&gt;", itemPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", itemPage, StringComparison.Ordinal);

        var link = await bed.SubmitLinkAsync(item);
        var tooLong = await bed.SubmitAsync(link, comment: huge);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("说明不超过 500 字", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var twoLines = await bed.SubmitAsync(link, name: "李\r\n主任");
        Assert.Equal(HttpStatusCode.BadRequest, twoLines.StatusCode);
        Assert.Contains("办理人姓名不能含换行", await twoLines.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await bed.DetailAsync(item.ItemId)).Audit);

        Assert.Equal(HttpStatusCode.OK, (await bed.SubmitAsync(link, comment: "已整改\r\n<img src=x onerror=alert(1)>", name: "<i>李</i>")).StatusCode);
        await bed.WaitForStatusAsync(item.ItemId, RectificationStatus.Submitted);
        itemPage = await bed.County.GetStringAsync($"/rectifications/{item.ItemId}");
        Assert.Contains("&lt;i&gt;李&lt;/i&gt;（县住建局）", itemPage, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", itemPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", itemPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>李</i>", itemPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_item_gets_a_page_that_says_so_and_leads_back_to_its_ledger()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var missing = $"{bed.CountyCode}-{LedgerTestBed.Year}-000000000000";

        foreach (var path in new[] { $"/rectifications/{missing}", $"/rectifications/{missing}/supervision-notice", "/rectifications/nonsense" })
        {
            using var response = await bed.County.GetAsync(path);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("未找到整改事项", page, StringComparison.Ordinal);
        }

        using var wellFormed = await bed.County.GetAsync($"/rectifications/{missing}");
        var known = await wellFormed.Content.ReadAsStringAsync();
        Assert.Contains($"/console/ledger?county={bed.CountyCode}&amp;year={LedgerTestBed.Year}", known, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostFindingAsync(LedgerTestBed bed, string description, string category = "住房安全") =>
        bed.County.PostAsync("/console/ledger/findings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["county"] = bed.CountyCode, ["year"] = LedgerTestBed.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["source"] = "省检",
            ["category"] = category, ["description"] = description, ["township"] = "碧城镇", ["unit"] = "县住建局", ["deadline"] = "2026-04-30",
        }));

    // The form a link was sent for comes before the item's details, which fold away.
    private static void AssertActionFirst(string page)
    {
        var action = page.IndexOf("<section class=\"action\"", StringComparison.Ordinal);
        var form = page.IndexOf("<form", StringComparison.Ordinal);
        var end = page.IndexOf("</section>", StringComparison.Ordinal);
        var details = page.IndexOf("<details", StringComparison.Ordinal);
        Assert.True(action >= 0 && action < form && form < end && end < details, "The link's form is not first, in section.action, before the details.");
        Assert.True(page.IndexOf("data-item=", StringComparison.Ordinal) > details, "The item's table is not inside the collapsible details.");
    }
}
