using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Funds;
using Workflow.Domain.Rectification;
using Workflow.App.Evidence;
using Workflow.App.Funds;
using Xunit;

namespace Workflow.App.Tests.Funds;

/// <summary>
/// One allocation through its three deadlines (003) on Azurite, the durable engine and real Kestrel, every payment
/// and request made through the links in the holders' inboxes, with a working-day calendar the test injects. Step 2
/// goes overdue and gets its 督办单 with a new deadline; it is then paid, and two villages' requests are paid.
/// </summary>
public sealed class FundDisbursementTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public async Task An_allocation_goes_through_all_three_deadlines_by_links_and_an_overdue_step_gets_its_supervision_notice()
    {
        await using var bed = await FundTestBed.StartAsync();
        var allocation = await bed.AllocateAsync(bed.Form());
        var id = allocation.AllocationId;
        var countyFinance = FundRecipients.Payer(allocation, DisbursementStage.CountyToFinanceOffice);
        var financeOffice = FundRecipients.Payer(allocation, DisbursementStage.FinanceToEconomicOffice);
        var economicOffice = FundRecipients.EconomicOffice(allocation);

        // Step 1: 15 calendar days from Monday 2 March is Tuesday 17 March; paid on the 3rd.
        var county = await bed.WaitForAsync(id, d => d.Steps.Count == 1, "step 1 open");
        Assert.Equal(new DateOnly(2026, 3, 17), county.Steps[0].DueOn);
        var payCounty = await bed.LinkAsync(countyFinance, "/pay/record/", id, DisbursementStep.CountyStep);
        Assert.Contains("登记拨付", await bed.Anonymous.GetStringAsync(payCounty), StringComparison.Ordinal);
        bed.AdvanceTo(new DateTimeOffset(2026, 3, 3, 10, 0, 0, Beijing));
        var paid = await bed.PayAsync(payCounty, "100000.00", "2026-03-03");
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Contains("data-outcome=\"paid\"", await paid.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Step 2: 5 working days from the 3rd in the injected calendar (5 and 6 March off) is Thursday 12 March, not the 10th.
        var finance = await bed.WaitForAsync(id, d => d.Steps.Count == 2, "step 2 open");
        Assert.Equal(100_000m, finance.Steps[0].PaidAmount);
        Assert.Equal(new DateOnly(2026, 3, 12), finance.Steps[1].DueOn);
        await bed.LinkAsync(financeOffice, "/pay/record/", id, DisbursementStep.FinanceStep);

        // Nobody pays: the reminder comes two days before, then on Friday the 13th the 督办单, five working days more.
        bed.AdvanceTo(new DateTimeOffset(2026, 3, 13, 0, 0, 30, Beijing));
        await bed.SignInAgainAsync();
        var supervised = await bed.WaitForAsync(id, d => d.Steps[1].Overdue == OverdueStage.Supervised, "step 2 supervised");
        Assert.Equal(new DateOnly(2026, 3, 20), supervised.Steps[1].DueOn);
        Assert.Equal(new DateOnly(2026, 3, 12), supervised.Steps[1].Statutory);
        Assert.Equal(new DateOnly(2026, 3, 13), supervised.Steps[1].SupervisedOn);
        await bed.WaitForInboxAsync(financeOffice, "提醒：拨付时限 2026-03-12 即将到期。");
        await bed.WaitForInboxAsync(financeOffice, "督办单（");
        await bed.WaitForInboxAsync(FundRecipients.CountyOffice(allocation), "已下发督办单");
        Assert.Contains(supervised.Audit, a => a.Action == "supervise" && a.Step == DisbursementStep.FinanceStep);
        var page = await bed.County.GetStringAsync($"/funds/{id}");
        Assert.Contains("data-supervision=\"finance\"", page, StringComparison.Ordinal);
        Assert.Contains("2026-03-20 前拨付到位", page, StringComparison.Ordinal);

        var payFinance = await bed.LinkAsync(financeOffice, "/pay/record/", id, DisbursementStep.FinanceStep, count: 3);
        Assert.Equal(HttpStatusCode.OK, (await bed.PayAsync(payFinance, "100000", "2026-03-13")).StatusCode);

        // Step 3: the 经管站 enters two villages' reviewed requests; each is due 5 working days from its approval.
        var villages = bed.Township.Villages;
        var request1 = await bed.LinkAsync(economicOffice, "/pay/request/", id, DisbursementStep.RequestStep(1));
        Assert.Contains("100,000.00", await bed.Anonymous.GetStringAsync(request1), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await bed.RequestAsync(request1, villages[0], "60000")).StatusCode);
        var request2 = await bed.LinkAsync(economicOffice, "/pay/request/", id, DisbursementStep.RequestStep(2));
        Assert.Equal(HttpStatusCode.OK, (await bed.RequestAsync(request2, villages[1], "40000")).StatusCode);
        var requested = await bed.WaitForAsync(id, d => d.Steps.Count == 4, "two village steps");
        Assert.All(requested.Steps.Skip(2), s => Assert.Equal(new DateOnly(2026, 3, 20), s.DueOn));
        Assert.Equal([villages[0].Name, villages[1].Name], requested.Steps.Skip(2).Select(s => s.Village));

        Assert.Equal(HttpStatusCode.OK, (await bed.PayAsync(await bed.LinkAsync(economicOffice, "/pay/record/", id, DisbursementStep.VillageStep(2)), "40000", "2026-03-13")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bed.PayAsync(await bed.LinkAsync(economicOffice, "/pay/record/", id, DisbursementStep.VillageStep(1)), "60000", "2026-03-13")).StatusCode);

        var done = await bed.WaitForAsync(id, d => d.Record.Completed, "all paid");
        Assert.All(done.Steps, s => Assert.True(s.IsPaid));
        Assert.Equal([0, 1, 0, 0], done.Steps.Select(s => s.OverdueDays(new DateOnly(2026, 3, 13))));
        Assert.Equal(4, done.Audit.Count(a => a.Action == "pay"));
        Assert.Equal(2, done.Audit.Count(a => a.Action == "request"));
        Assert.Equal(4, (await bed.Services.GetRequiredService<EvidenceStore>().ListAsync(id, CancellationToken.None)).Count);

        // 资金公告公示 (001): the township's printable notice, with a QR code of its public, read-only copy.
        var notice = await bed.County.GetStringAsync($"/funds/notice/{bed.Places.Code}/{bed.Township.Code}");
        Assert.Contains("<svg", notice, StringComparison.Ordinal);
        Assert.Contains("data-allocated>100,000.00<", notice, StringComparison.Ordinal);
        Assert.Contains("data-paid>100,000.00<", notice, StringComparison.Ordinal);
        Assert.Contains($"data-village=\"{villages[0].Code}\"", notice, StringComparison.Ordinal);
        var publicUrl = System.Text.RegularExpressions.Regex.Match(notice, "<p class=\"meta\">([^<]+)</p>").Groups[1].Value;
        var online = await bed.Anonymous.GetAsync(new Uri(System.Net.WebUtility.HtmlDecode(publicUrl)).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, online.StatusCode);
        Assert.Contains(villages[1].Name, await online.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payment_over_what_is_left_a_negative_amount_and_a_voucher_that_is_not_an_image_or_PDF_are_refused_and_change_nothing_and_a_used_link_is_refused()
    {
        await using var bed = await FundTestBed.StartAsync();

        var negative = await bed.PostAllocationAsync(bed.Form(amount: -5m));
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("金额必须大于零", await negative.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var refusedId = FundAllocationId.Of(bed.Places.Code, bed.Township.Code, "县财字〔2026〕12号");
        Assert.Equal(HttpStatusCode.NotFound, (await bed.County.GetAsync($"/api/funds/allocations/{refusedId}")).StatusCode);

        var allocation = await bed.AllocateAsync(bed.Form());
        var id = allocation.AllocationId;
        var link = await bed.LinkAsync(FundRecipients.Payer(allocation, DisbursementStage.CountyToFinanceOffice), "/pay/record/", id, DisbursementStep.CountyStep);

        var tooMuch = await bed.PayAsync(link, "100000.01", "2026-03-02");
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.Contains("金额 100,000.01 元超过尚未拨付的 100,000.00 元。", await tooMuch.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var below = await bed.PayAsync(link, "-1", "2026-03-02");
        Assert.Equal(HttpStatusCode.BadRequest, below.StatusCode);
        Assert.Contains("金额必须大于零。", await below.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var text = await bed.PayAsync(link, "100000", "2026-03-02", voucher: "这不是图片"u8.ToArray(), fileName: "凭证.jpg");
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Contains("只接受 JPEG、PNG 图片或 PDF 文件", await text.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Nothing changed: the step is unpaid, no voucher is kept, no payment audited, and the link still works.
        var detail = await bed.DetailAsync(id);
        Assert.False(Assert.Single(detail.Steps).IsPaid);
        Assert.DoesNotContain(detail.Audit, a => a.Action == "pay");
        Assert.Empty(await bed.Services.GetRequiredService<EvidenceStore>().ListAsync(id, CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await bed.Anonymous.GetAsync(link)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await bed.PayAsync(link, "100000", "2026-03-02")).StatusCode);
        var again = await bed.PayAsync(link, "100000", "2026-03-02");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("该链接已使用过", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var paid = await bed.WaitForAsync(id, d => d.Steps[0].IsPaid, "step 1 paid");
        Assert.Single(paid.Audit, a => a.Action == "pay");
    }
}
