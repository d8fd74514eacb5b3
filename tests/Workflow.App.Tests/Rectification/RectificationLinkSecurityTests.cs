using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Rectification;
using Workflow.App.Links;
using Workflow.App.Tests.Exits;
using Xunit;

namespace Workflow.App.Tests.Rectification;

/// <summary>
/// An item's links are the only credential its unit and verifier have: each way a link can be wrong is refused with a
/// page that says which, and nothing changes. Exactly one submission wins however many arrive at once.
/// </summary>
public sealed class RectificationLinkSecurityTests
{
    [Fact]
    public async Task Forged_tampered_mispurposed_expired_and_reused_links_are_each_refused_and_change_nothing()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var item = await bed.EnterAsync(LedgerTestBed.Finding());
        var other = await bed.EnterAsync(LedgerTestBed.Finding(description: "另一个问题"));
        var submit = await bed.SubmitLinkAsync(item);

        await AssertRefusedAsync(bed, submit[..^2] + (submit[^2] == 'A' ? "BB" : "AA"), HttpStatusCode.Forbidden, LinkRefusal.Invalid);
        await AssertRefusedAsync(bed, Tamper(submit, p => p with { Subject = other.ItemId }), HttpStatusCode.Forbidden, LinkRefusal.Invalid);
        await AssertRefusedAsync(bed, Tamper(submit, p => p with { Step = RectificationSteps.Verify(1) }), HttpStatusCode.Forbidden, LinkRefusal.Invalid);
        // A unit's link is not a verifier's: the signature is good, the purpose is not.
        await AssertRefusedAsync(bed, submit.Replace("/rectify/submit/", "/rectify/verify/", StringComparison.Ordinal), HttpStatusCode.Forbidden, LinkRefusal.Invalid);
        Assert.Empty((await bed.DetailAsync(item.ItemId)).Audit);

        Assert.Equal(HttpStatusCode.OK, (await bed.SubmitAsync(submit)).StatusCode);
        await AssertRefusedAsync(bed, submit, HttpStatusCode.Conflict, LinkRefusal.AlreadyUsed);
        var verify = await bed.VerifyLinkAsync(item);

        // A verify link lives the default 72 hours.
        bed.Advance(TimeSpan.FromHours(72) + TimeSpan.FromMinutes(1));
        await AssertRefusedAsync(bed, verify, HttpStatusCode.Gone, LinkRefusal.Expired);
        var detail = await bed.DetailAsync(item.ItemId);
        Assert.Equal(RectificationStatus.Submitted, detail.Item.Status);
        Assert.Single(detail.Audit);
    }

    [Fact]
    public async Task The_first_of_two_links_for_one_step_decides_it_and_the_other_is_refused_as_decided()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var item = await bed.EnterAsync(LedgerTestBed.Finding(deadline: "2026-03-02"));
        var first = await bed.SubmitLinkAsync(item);
        // Overdue from Tuesday 00:00: the 督办单 brings a second link for the same step.
        bed.Advance(TimeSpan.FromDays(1));
        var second = await bed.SubmitLinkAsync(item, count: 2);
        Assert.NotEqual(first, second);

        Assert.Equal(HttpStatusCode.OK, (await bed.SubmitAsync(first)).StatusCode);
        await AssertRefusedAsync(bed, second, HttpStatusCode.Conflict, LinkRefusal.StepAlreadyDecided);
        Assert.Equal(HttpStatusCode.OK, (await bed.VerifyAsync(await bed.VerifyLinkAsync(item), close: true)).StatusCode);
        await bed.WaitForStatusAsync(item.ItemId, RectificationStatus.Closed);
        await AssertRefusedAsync(bed, second, HttpStatusCode.Conflict, LinkRefusal.StepAlreadyDecided);
    }

    [Fact]
    public async Task Thirty_concurrent_submissions_of_one_link_make_exactly_one_decision()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var item = await bed.EnterAsync(LedgerTestBed.Finding());
        var link = await bed.SubmitLinkAsync(item);

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => bed.SubmitAsync(link, comment: $"第{i}次提交")));
        await bed.VerifyLinkAsync(item);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var detail = await bed.DetailAsync(item.ItemId);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var decision = Assert.Single(detail.Audit);
        Assert.Equal("submit", decision.Action);
        Assert.Single(detail.Timeline, t => t.Kind == App.Rectification.LedgerTimelineKinds.Submitted);
        Assert.Equal(RectificationStatus.Submitted, detail.Item.Status);
    }

    [Fact]
    public async Task A_submission_without_evidence_or_statement_is_sent_back_to_the_form_and_the_link_stays_usable()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var item = await bed.EnterAsync(LedgerTestBed.Finding());
        var link = await bed.SubmitLinkAsync(item);

        var noEvidence = await bed.SubmitAsync(link, attach: false);
        Assert.Equal(HttpStatusCode.BadRequest, noEvidence.StatusCode);
        Assert.Contains("须附佐证材料", await noEvidence.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var notAnImage = await bed.SubmitAsync(link, evidence: "<script>alert(1)</script>"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, notAnImage.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await bed.SubmitAsync(link, comment: "")).StatusCode);
        Assert.Empty((await bed.DetailAsync(item.ItemId)).Audit);

        Assert.Equal(HttpStatusCode.OK, (await bed.SubmitAsync(link)).StatusCode);
        await bed.WaitForStatusAsync(item.ItemId, RectificationStatus.Submitted);
    }

    [Fact]
    public async Task A_submission_kept_with_its_link_but_never_raised_reaches_the_item_when_the_link_is_opened_again()
    {
        await using var bed = await LedgerTestBed.StartAsync();
        var item = await bed.EnterAsync(LedgerTestBed.Finding());
        var link = await bed.SubmitLinkAsync(item);
        var capability = bed.Services.GetRequiredService<CapabilityLinkSigner>().Verify(link[(link.LastIndexOf('/') + 1)..], App.Rectification.RectificationRequests.SubmitPurpose).Link!;
        var decision = new App.Rectification.RectificationDecision(item.ItemId, capability.Step, App.Rectification.RectificationVerdict.Submitted, "已整改",
            "李主任（县住建局）", "县住建局", bed.Clock.GetUtcNow(), capability.LinkId, "127.0.0.1", "LedgerTests/1.0");

        // The process stops right after the atomic insert that spends the link and keeps the decision.
        Assert.Null(await bed.Services.GetRequiredService<LinkRedemptionStore>().TryRedeemAsync(capability, decision.DecidedAt, JsonSerializer.Serialize(decision), CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(RectificationStatus.InProgress, (await bed.DetailAsync(item.ItemId)).Item.Status);

        await AssertRefusedAsync(bed, link, HttpStatusCode.Conflict, LinkRefusal.AlreadyUsed);
        var submitted = await bed.WaitForStatusAsync(item.ItemId, RectificationStatus.Submitted);
        Assert.Equal("已整改", Assert.Single(submitted.Audit).Comment);
    }

    private static async Task AssertRefusedAsync(LedgerTestBed bed, string link, HttpStatusCode status, LinkRefusal refusal)
    {
        var page = await bed.Anonymous.GetAsync(link);
        var posted = link.Contains("/verify/", StringComparison.Ordinal) ? await bed.VerifyAsync(link, close: true) : await bed.SubmitAsync(link);
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
        parts[1] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(change(ExitTestBed.PayloadOf(link)!))));
        return link[..(slash + 1)] + string.Join('.', parts);
    }
}
