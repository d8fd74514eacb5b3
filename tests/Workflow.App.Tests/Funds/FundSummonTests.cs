using System.Net;
using Workflow.Domain.Funds;
using Workflow.Domain.Rectification;
using Workflow.App.Funds;
using Xunit;

namespace Workflow.App.Tests.Funds;

/// <summary>A step that misses its 督办单's deadline too is escalated to 约谈, as the ledger does, and can still be paid.</summary>
public sealed class FundSummonTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public async Task A_step_unpaid_after_its_supervision_notice_is_summoned_and_its_link_still_records_the_payment()
    {
        await using var bed = await FundTestBed.StartAsync();
        var allocation = await bed.AllocateAsync(bed.Form());
        var id = allocation.AllocationId;
        var payer = FundRecipients.Payer(allocation, DisbursementStage.CountyToFinanceOffice);
        await bed.LinkAsync(payer, "/pay/record/", id, DisbursementStep.CountyStep);

        // Due Tuesday 17 March: on Wednesday the 18th a 督办单 gives five working days, to Wednesday the 25th.
        bed.AdvanceTo(new DateTimeOffset(2026, 3, 18, 0, 0, 30, Beijing));
        await bed.SignInAgainAsync();
        var supervised = await bed.WaitForAsync(id, d => d.Steps[0].Overdue == OverdueStage.Supervised, "supervised");
        Assert.Equal(new DateOnly(2026, 3, 25), supervised.Steps[0].DueOn);

        bed.AdvanceTo(new DateTimeOffset(2026, 3, 26, 0, 0, 30, Beijing));
        await bed.SignInAgainAsync();
        var summoned = await bed.WaitForAsync(id, d => d.Steps[0].Overdue == OverdueStage.Summoned, "summoned");
        Assert.Contains(summoned.Audit, a => a.Action == "summon");
        await bed.WaitForInboxAsync(FundRecipients.CountyOffice(allocation), "督办逾期，需约谈：县财政局");
        Assert.Contains("已约谈", await bed.County.GetStringAsync($"/funds/{id}"), StringComparison.Ordinal);

        // Four links by now (opened, reminded, supervised, summoned); the newest records the late payment.
        var link = await bed.LinkAsync(payer, "/pay/record/", id, DisbursementStep.CountyStep, count: 4);
        Assert.Equal(HttpStatusCode.OK, (await bed.PayAsync(link, "100000", "2026-03-26")).StatusCode);
        var paid = await bed.WaitForAsync(id, d => d.Steps.Count == 2, "step 2 open");
        Assert.Equal(9, paid.Steps[0].OverdueDays(new DateOnly(2026, 3, 30)));
        Assert.Equal(new DateOnly(2026, 3, 26), paid.Steps[1].StartsOn);
    }
}
