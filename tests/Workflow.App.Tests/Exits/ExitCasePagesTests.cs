using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Exits;
using Workflow.App.Register;
using Xunit;

namespace Workflow.App.Tests.Exits;

/// <summary>
/// The county office's case pages as a new user meets them: odd filter values, an unknown case, a township by its
/// name, finding a household's 户编号, and names rather than codes — each answered with a zh-CN page.
/// </summary>
public sealed class ExitCasePagesTests
{
    [Fact]
    public async Task Odd_filter_values_get_a_chinese_400_page_naming_the_values_that_work()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var places = await bed.Services.GetRequiredService<CountyDirectory>().FindPlacesAsync(bed.CountyCode, CancellationToken.None);
        string[] statuses = ["办理中", "已退出", "未通过", "已撤回"];
        var odd = new (string Query, string[] Named)[]
        {
            ("status=odd", statuses),
            ("status=1", statuses),
            ("overdue=abc", ["true", "false"]),
            ("step=nosuchstep", ["民主评议", "村内公示", "公示异议复核", "乡镇审核"]),
            ("township=" + Uri.EscapeDataString("无此镇"), [.. places!.Townships.Select(t => t.Name)]),
        };

        foreach (var (query, named) in odd)
        {
            var response = await bed.County.GetAsync($"/exits?county={bed.CountyCode}&{query}");
            var page = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("lang=\"zh-CN\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);
            Assert.All(named, name => Assert.Contains(name, page, StringComparison.Ordinal));
        }

        var hostile = await bed.County.GetAsync($"/exits?county={bed.CountyCode}&status={Uri.EscapeDataString("<script>alert(1)</script>")}");
        var hostilePage = await hostile.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, hostile.StatusCode);
        Assert.DoesNotContain("<script>alert", hostilePage, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", hostilePage, StringComparison.Ordinal);

        var api = await bed.County.GetAsync($"/api/counties/{bed.CountyCode}/exits?status=odd");
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("办理中", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The values the page offers still work, as do the console's links (codes).
        Assert.Equal(HttpStatusCode.OK, (await bed.County.GetAsync($"/exits?county={bed.CountyCode}&status=InProgress&overdue=true&step=appraisal")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bed.County.GetAsync($"/exits?county={bed.CountyCode}&status={Uri.EscapeDataString("已撤回")}&overdue=false&step=objection-review")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_case_gets_a_page_saying_so_with_the_way_back_to_the_list()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var missing = $"{bed.CountyCode}-999999999-1";

        var response = await bed.County.GetAsync($"/exits/{missing}");
        var malformed = await bed.County.GetAsync($"/exits/{Uri.EscapeDataString("<b>x")}");

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains($"案件 {missing} 不存在", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/exits?county={bed.CountyCode}\"", page, StringComparison.Ordinal);
        var malformedPage = await malformed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Contains("案件 &lt;b&gt;x 不存在", malformedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>x", malformedPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_township_filter_takes_the_townships_name_and_the_page_offers_the_names()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var first = bed.Households.Select((h, i) => (h, i)).First();
        var other = bed.Households.Select((h, i) => (h, i)).First(x => x.h.TownshipCode != first.h.TownshipCode);
        var a = await bed.StartCaseAsync(first.i);
        var b = await bed.StartCaseAsync(other.i);

        var byName = await bed.County.GetStringAsync($"/exits?county={bed.CountyCode}&township={Uri.EscapeDataString(a.Township)}");
        var byCode = await bed.County.GetStringAsync($"/exits?county={bed.CountyCode}&township={a.TownshipCode}");
        var all = await bed.County.GetStringAsync($"/exits?county={bed.CountyCode}");

        foreach (var page in new[] { byName, byCode })
        {
            Assert.Contains(a.CaseId, page, StringComparison.Ordinal);
            Assert.DoesNotContain(b.CaseId, page, StringComparison.Ordinal);
            Assert.Contains("共 1 件", page, StringComparison.Ordinal);
            // The township chosen stays chosen in the list of names.
            Assert.Contains($"<option value=\"{a.TownshipCode}\" selected>{a.Township}</option>", page, StringComparison.Ordinal);
        }

        Assert.Contains("<select name=\"township\">", all, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{b.TownshipCode}\">{b.Township}</option>", all, StringComparison.Ordinal);
        Assert.Contains("共 2 件", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_start_form_finds_a_household_by_the_heads_name_or_its_number_and_starts_it_from_the_result()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var target = bed.Households[3];
        var number = target.Household.Number;
        string Find(string text) => $"/exits?county={bed.CountyCode}&find={Uri.EscapeDataString(text)}";

        var byName = await bed.County.GetStringAsync(Find(target.Household.Head.Name));
        var byPrefix = await bed.County.GetStringAsync(Find(number[..^2]));
        var nothing = await bed.County.GetStringAsync(Find("<i>无此人</i>"));
        var tooLong = await bed.County.GetAsync(Find(new string('张', 41)));

        foreach (var page in new[] { byName, byPrefix })
        {
            Assert.Contains($"data-choose=\"{number}\"", page, StringComparison.Ordinal);
            Assert.Contains(target.Village, page, StringComparison.Ordinal);
            Assert.Contains(target.Household.Head.Name, page, StringComparison.Ordinal);
            Assert.DoesNotContain(target.Household.Head.IdNumber.Reveal(), page, StringComparison.Ordinal);
        }

        Assert.Contains("没有户主姓名含“&lt;i&gt;无此人&lt;/i&gt;”", nothing, StringComparison.Ordinal);
        Assert.DoesNotContain("data-choose", nothing, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);

        // The result's link fills the start form with the household, which then starts as typed.
        var chosen = await bed.County.GetStringAsync($"/exits?county={bed.CountyCode}&household={number}");
        Assert.Contains($"name=\"household\" required value=\"{number}\"", chosen, StringComparison.Ordinal);
        Assert.Contains($"{target.Household.Head.Name} 户（户编号 {number}）", chosen, StringComparison.Ordinal);
        var started = await bed.County.PostAsync("/exits/start", new FormUrlEncodedContent(
        [
            new("county", bed.CountyCode), new("household", number), new("income", "9000"), new("food", "true"), new("clothing", "true"),
            new("education", "true"), new("medical", "true"), new("housing", "true"), new("water", "true"),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal($"/exits/{bed.CountyCode}-{number}-1", started.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_case_pages_name_steps_holders_and_decisions_and_show_what_people_wrote_as_text()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await bed.StartCaseAsync(5);
        var committee = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Appraisal, ExitTestBed.Recipient("VillageCommittee", c));
        var listed = await bed.County.GetStringAsync($"/exits?county={bed.CountyCode}");

        var decided = await bed.DecideAsync(committee, approve: true, comment: "<img src=x onerror=alert(1)>\r\n评议通过");
        await bed.WaitForStepAsync(c.CaseId, ExitProcedure.Verification);
        var page = await bed.County.GetStringAsync($"/exits/{c.CaseId}");

        Assert.Contains($"{c.Township}{c.Village}村两委", listed, StringComparison.Ordinal);
        Assert.Contains("民主评议", listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        foreach (var code in new[] { "VillageCommittee", "WorkTeam", ">approve<", ">appraisal<", "@" + c.VillageCode })
        {
            Assert.DoesNotContain(code, page, StringComparison.Ordinal);
        }

        Assert.Contains($"<td>{c.Township}{c.Village}村两委</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>同意</td>", page, StringComparison.Ordinal);
        Assert.Contains($"{c.Township}{c.Village}驻村工作队", page, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", page, StringComparison.Ordinal);
        // The withdrawal asks first through the page script, not an inline handler the Content-Security-Policy would block.
        Assert.Contains("data-confirm=", page, StringComparison.Ordinal);
        Assert.DoesNotContain("onclick", page, StringComparison.Ordinal);

        var blank = await bed.County.PostAsync($"/exits/{c.CaseId}/withdraw", new FormUrlEncodedContent([new("reason", "  ")]));
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("撤回须填写理由", await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var withdrawn = await bed.County.PostAsync($"/exits/{c.CaseId}/withdraw", new FormUrlEncodedContent([new("reason", "户主外出务工")]));
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        await bed.WaitForAsync(c.CaseId, d => d.Case.Status == Workflow.App.Exits.ExitCaseStatus.Withdrawn, "withdrawn");
    }
}
