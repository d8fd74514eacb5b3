using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Workflow.Domain.Exits;
using Xunit;

namespace Workflow.App.Tests.Exits;

/// <summary>
/// The approval link's page as an approver on a phone meets it: names, not codes; the decision form first, the case
/// details after it; and a post that is not a form (JSON, text, nothing) answered with a zh-CN 400 that changes nothing.
/// </summary>
public sealed class DecisionPageTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];

    [Fact]
    public async Task The_approval_page_names_the_holder_and_the_step_and_puts_the_form_before_the_details()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await bed.StartCaseAsync(15);
        var link = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Appraisal, ExitTestBed.Recipient("VillageCommittee", c));

        var page = await bed.Anonymous.GetStringAsync(link);

        Assert.Contains($"办理人：{c.Township}{c.Village}村两委", page, StringComparison.Ordinal);
        Assert.DoesNotContain("VillageCommittee", page, StringComparison.Ordinal);
        Assert.Contains("<strong>民主评议</strong>", page, StringComparison.Ordinal);
        var action = page.IndexOf("<section class=\"action\"", StringComparison.Ordinal);
        Assert.True(action >= 0, "The decision form is not in a section.action.");
        foreach (var detail in new[] { "身份证号", "退出指标（7项）", "佐证材料", "办理记录" })
        {
            Assert.True(page.IndexOf(detail, StringComparison.Ordinal) > action, $"{detail} comes before the decision form.");
        }

        Assert.Contains("<details", page, StringComparison.Ordinal);
        // The Content-Security-Policy runs no inline style or script: the page has none.
        foreach (var inline in new[] { "style=", "<style", "<script>", "onclick=", "onsubmit=" })
        {
            Assert.DoesNotContain(inline, page, StringComparison.OrdinalIgnoreCase);
        }

        // The decision and its evidence are shown to the next approver under the committee's and the step's names.
        var photo = new ByteArrayContent(Png);
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        Assert.Equal(HttpStatusCode.OK, (await bed.DecideAsync(link, approve: true, comment: "评议通过", evidence: photo, fileName: "评议会.png")).StatusCode);
        var next = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Verification, ExitTestBed.Recipient("WorkTeam", c));
        var nextPage = await bed.Anonymous.GetStringAsync(next);

        Assert.Contains($"张审核（{c.Township}{c.Village}村两委）", nextPage, StringComparison.Ordinal);
        Assert.Contains($"办理人：{c.Township}{c.Village}驻村工作队", nextPage, StringComparison.Ordinal);
        Assert.Contains("民主评议 · ", nextPage, StringComparison.Ordinal);
        Assert.DoesNotContain("VillageCommittee", nextPage, StringComparison.Ordinal);
        Assert.DoesNotContain("WorkTeam", nextPage, StringComparison.Ordinal);
        Assert.DoesNotContain(ExitProcedure.Appraisal, nextPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_text_or_an_empty_body_posted_to_a_valid_decision_or_objection_link_gets_a_zh_CN_400_and_changes_nothing()
    {
        // Every post counts against the objection form's hourly limit per address: this test makes more than the default five.
        await using var bed = await ExitTestBed.StartAsync(("Exits:ObjectionsPerHour", "50"));
        var c = await bed.StartCaseAsync(16);
        var link = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Appraisal, ExitTestBed.Recipient("VillageCommittee", c));

        await AssertRefusedAsync(bed, link);
        Assert.Equal(HttpStatusCode.OK, (await bed.Anonymous.GetAsync(link)).StatusCode);
        var untouched = await bed.DetailAsync(c.CaseId);
        Assert.Empty(untouched.Audit);
        Assert.Equal(ExitProcedure.Appraisal, untouched.Case.CurrentStep);

        // The link still decides.
        Assert.Equal(HttpStatusCode.OK, (await bed.DecideAsync(link, approve: true, comment: "核实无误")).StatusCode);
        await bed.ApproveAsync(c, ExitProcedure.Verification, "WorkTeam");
        await bed.ApproveAsync(c, ExitProcedure.Consent, "Household");
        await bed.WaitForStepAsync(c.CaseId, ExitProcedure.Notice);
        var (_, objections) = await bed.NoticeLinksAsync(c);

        await AssertRefusedAsync(bed, objections);
        Assert.Equal(HttpStatusCode.OK, (await bed.Anonymous.GetAsync(objections)).StatusCode);
        var noticed = await bed.DetailAsync(c.CaseId);
        Assert.Empty(noticed.Objections);
        Assert.Equal(ExitProcedure.Notice, noticed.Case.CurrentStep);
        Assert.Equal(HttpStatusCode.OK, (await bed.FileObjectionAsync(objections, "村民 13800000000", "收入未如实申报")).StatusCode);
    }

    /// <summary>Bodies a script or a broken client may post: none is a form.</summary>
    private static IEnumerable<(string What, Func<HttpContent?> Body)> NotForms() =>
    [
        ("JSON", () => new StringContent("{\"decision\":\"approve\",\"name\":\"张审核\",\"contact\":\"x\",\"reason\":\"y\"}", Encoding.UTF8, "application/json")),
        ("text", () => new StringContent("decision=approve&name=张审核", Encoding.UTF8, "text/plain")),
        ("nothing", () => null),
        ("an empty body", () => new ByteArrayContent([])),
        ("an empty multipart body", () =>
        {
            var empty = new ByteArrayContent([]);
            empty.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=----x");
            return empty;
        }),
        ("a multipart body without a boundary", () =>
        {
            var broken = new ByteArrayContent("decision=approve"u8.ToArray());
            broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
            return broken;
        }),
    ];

    private static async Task AssertRefusedAsync(ExitTestBed bed, string link)
    {
        foreach (var (what, body) in NotForms())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, link) { Content = body() };
            var response = await bed.Anonymous.SendAsync(request);
            var page = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what} posted to {link[..8]}… gave {(int)response.StatusCode}: {page[..Math.Min(page.Length, 300)]}");
            Assert.Contains("lang=\"zh-CN\"", page, StringComparison.Ordinal);
            // Not a form at all says so; a multipart body with nothing in it is an empty form, refused for what it lacks.
            Assert.Matches(what == "an empty multipart body" ? "请(选择|填写)" : "不是表单", page);
            Assert.Contains("role=\"alert\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);
        }
    }
}
