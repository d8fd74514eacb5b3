using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;
using Workflow.Domain.Exits;
using Workflow.App.Exits;
using Workflow.App.Links;
using Xunit;

namespace Workflow.App.Tests.Exits;

/// <summary>
/// Approval links are the only credential an approver has: each way a link can be wrong is refused with a page that
/// says which, and nothing changes. Exactly one decision wins however many are submitted at once.
/// </summary>
public sealed class ExitLinkSecurityTests
{
    [Fact]
    public async Task Forged_tampered_expired_replayed_and_stale_links_are_each_refused_and_change_nothing()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await bed.StartCaseAsync(5);
        var committee = ExitTestBed.Recipient("VillageCommittee", c);
        var link = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Appraisal, committee);

        var forged = link[..^2] + (link[^2] == 'A' ? "BB" : "AA");
        await AssertRefusedAsync(bed, forged, HttpStatusCode.Forbidden, LinkRefusal.Invalid);
        var tamperedCase = Tamper(link, p => p with { Subject = ExitCaseId.For(c.CountyCode, bed.Households[6].Household.Number, 1) });
        await AssertRefusedAsync(bed, tamperedCase, HttpStatusCode.Forbidden, LinkRefusal.Invalid);
        var tamperedStep = Tamper(link, p => p with { Step = ExitProcedure.CountyApproval });
        await AssertRefusedAsync(bed, tamperedStep, HttpStatusCode.Forbidden, LinkRefusal.Invalid);
        Assert.Empty((await bed.DetailAsync(c.CaseId)).Audit);

        Assert.Equal(HttpStatusCode.OK, (await bed.DecideAsync(link, approve: true, comment: "同意")).StatusCode);
        await AssertRefusedAsync(bed, link, HttpStatusCode.Conflict, LinkRefusal.AlreadyUsed);
        var verification = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Verification, ExitTestBed.Recipient("WorkTeam", c));

        // Due after 5 working days (Monday to Monday) and valid 72 hours past that.
        bed.Advance(TimeSpan.FromDays(11));
        await AssertRefusedAsync(bed, verification, HttpStatusCode.Gone, LinkRefusal.Expired);
        var detail = await bed.DetailAsync(c.CaseId);
        Assert.Single(detail.Audit);
        Assert.Equal(ExitProcedure.Verification, detail.Case.CurrentStep);
    }

    [Fact]
    public async Task A_link_for_another_step_than_the_awaited_one_and_a_link_for_a_decided_step_are_refused()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await bed.StartCaseAsync(7);
        var committee = ExitTestBed.Recipient("VillageCommittee", c);
        var first = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Appraisal, committee);
        // The reminder brings a second link for the same step; the first decides, the second is then stale.
        bed.Advance(TimeSpan.FromDays(4) + TimeSpan.FromMinutes(1));
        await bed.WaitForInboxAsync(committee, "催办");
        var reminder = (await bed.InboxLinksAsync(committee)).First(l => l != first);

        Assert.Equal(HttpStatusCode.OK, (await bed.DecideAsync(first, approve: true, comment: "同意")).StatusCode);
        await AssertRefusedAsync(bed, reminder, HttpStatusCode.Conflict, LinkRefusal.StepAlreadyDecided);
        var verification = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Verification, ExitTestBed.Recipient("WorkTeam", c));
        Assert.Equal(HttpStatusCode.OK, (await bed.DecideAsync(verification, approve: true, comment: "同意")).StatusCode);
        await bed.WaitForStepAsync(c.CaseId, ExitProcedure.Consent);

        // The consent step is awaited; a (validly signed) verification link of another case step is not it.
        await AssertRefusedAsync(bed, verification, HttpStatusCode.Conflict, LinkRefusal.AlreadyUsed);
        Assert.Equal(2, (await bed.DetailAsync(c.CaseId)).Audit.Count);
    }

    [Fact]
    public async Task Fifty_concurrent_submissions_of_one_link_make_exactly_one_decision()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await bed.StartCaseAsync(8);
        var link = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Appraisal, ExitTestBed.Recipient("VillageCommittee", c));

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => bed.DecideAsync(link, approve: true, comment: $"第{i}次提交")));
        var next = await bed.WaitForStepAsync(c.CaseId, ExitProcedure.Verification);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var detail = await bed.DetailAsync(c.CaseId);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var decision = Assert.Single(detail.Audit);
        Assert.Equal("approve", decision.Action);
        Assert.Single(detail.Timeline, t => t.Kind == TimelineKinds.Decided);
        Assert.Equal(ExitProcedure.Verification, next.Case.CurrentStep);
    }

    [Fact]
    public async Task An_approver_and_the_supervisor_acting_at_once_make_exactly_one_decision()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await bed.StartCaseAsync(9);
        var own = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Appraisal, ExitTestBed.Recipient("VillageCommittee", c));
        bed.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var supervisor = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Appraisal, ExitTestBed.Recipient("TownshipApprover", c));

        var both = await Task.WhenAll(
            bed.DecideAsync(own, approve: true, comment: "村两委同意"),
            bed.DecideAsync(supervisor, approve: false, comment: "乡镇不同意"));
        var ended = await bed.WaitForAsync(c.CaseId, d => d.Audit.Count == 1 && (d.Case.CurrentStep == ExitProcedure.Verification || d.Case.Status == ExitCaseStatus.Rejected), "decided");

        Assert.Single(both, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(both, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Single(ended.Audit);
    }

    [Fact]
    public async Task Links_and_pages_show_the_person_a_masked_id_and_never_the_full_number()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await bed.StartCaseAsync(10);
        var link = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Appraisal, ExitTestBed.Recipient("VillageCommittee", c));

        var approval = await bed.Anonymous.GetStringAsync(link);
        var county = await bed.County.GetStringAsync($"/exits/{c.CaseId}");
        var api = await bed.County.GetStringAsync($"/api/exits/{c.CaseId}");

        var id = bed.Households[10].Household.Head.IdNumber;
        foreach (var page in new[] { approval, county, api })
        {
            Assert.DoesNotContain(id.Reveal(), page, StringComparison.Ordinal);
            Assert.Contains(id.Mask(), page, StringComparison.Ordinal);
        }
    }

    private static async Task AssertRefusedAsync(ExitTestBed bed, string link, HttpStatusCode status, LinkRefusal refusal)
    {
        var page = await bed.Anonymous.GetAsync(link);
        var posted = await bed.DecideAsync(link, approve: true, comment: "尝试");
        foreach (var response in new[] { page, posted })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(status, response.StatusCode);
            Assert.Contains($"data-refusal=\"{refusal}\"", body, StringComparison.Ordinal);
            Assert.Contains(refusal.Describe(), body, StringComparison.Ordinal);
        }
    }

    /// <summary>Rewrites the link's payload and keeps its signature, as someone editing the URL would.</summary>
    private static string Tamper(string link, Func<CapabilityLink, CapabilityLink> change)
    {
        var slash = link.LastIndexOf('/');
        var parts = link[(slash + 1)..].Split('.');
        var payload = change(ExitTestBed.PayloadOf(link)!);
        parts[1] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(payload)));
        return link[..(slash + 1)] + string.Join('.', parts);
    }
}
