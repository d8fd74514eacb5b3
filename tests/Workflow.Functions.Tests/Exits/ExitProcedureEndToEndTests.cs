using Xunit;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Exits;
using Workflow.Domain.Register;
using Workflow.Functions.Exits;
using Workflow.Functions.Register;

namespace Workflow.Functions.Tests.Exits;

/// <summary>
/// The exit procedure end to end through real HTTP: the county starts a case through its API, every approver acts
/// only through the link in the notification the inbox shows, the notice and the SLA run on the controllable clock.
/// </summary>
public sealed class ExitProcedureEndToEndTests
{
    [Fact]
    public async Task An_approved_case_goes_through_all_seven_steps_in_order_and_deregisters_the_household()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await bed.StartCaseAsync(0);

        await bed.ApproveAsync(c, ExitProcedure.Appraisal, "VillageCommittee");
        await bed.ApproveAsync(c, ExitProcedure.Verification, "WorkTeam");
        await bed.ApproveAsync(c, ExitProcedure.Consent, "Household");
        var notice = await bed.WaitForStepAsync(c.CaseId, ExitProcedure.Notice);
        Assert.Equal(ExitTestBed.Start.AddDays(7), notice.Case.NoticeEndsAt!.Value, TimeSpan.FromMinutes(20));
        bed.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await bed.ApproveAsync(c, ExitProcedure.TownshipReview, "TownshipApprover");
        await bed.ApproveAsync(c, ExitProcedure.CountyApproval, "CountyOfficer");
        var done = await bed.WaitForAsync(c.CaseId, d => d.Case.Status == ExitCaseStatus.Approved, "approved");

        Assert.Equal(
            [ExitProcedure.Appraisal, ExitProcedure.Verification, ExitProcedure.Consent, ExitProcedure.TownshipReview, ExitProcedure.CountyApproval],
            done.Audit.Select(a => a.Step));
        Assert.All(done.Audit, a =>
        {
            Assert.Equal("approve", a.Action);
            Assert.Equal("127.0.0.1", a.ClientIp);
            Assert.Equal("ExitTests/1.0", a.UserAgent);
            Assert.NotNull(a.LinkId);
        });
        Assert.Contains(done.Timeline, t => t.Kind == TimelineKinds.NoticePassed);
        Assert.Contains(done.Timeline, t => t.Kind == TimelineKinds.Deregistered);
        var household = await bed.Services.GetRequiredService<RegisterStore>().FindHouseholdAsync(bed.CountyCode, c.HouseholdNumber, CancellationToken.None);
        Assert.Equal(PovertyStatus.ExitedWithPolicy, household!.Household.Status);
        Assert.Equal(2026, household.Household.ExitYear);
        await bed.WaitForInboxAsync(ExitTestBed.Recipient("TownshipApprover", c), "脱贫退出办结（已退出）");
    }

    [Fact]
    public async Task A_rejection_at_township_review_needs_a_reason_ends_the_case_and_keeps_the_household_not_exited()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await bed.StartCaseAsync(1);
        await bed.ApproveAsync(c, ExitProcedure.Appraisal, "VillageCommittee");
        await bed.ApproveAsync(c, ExitProcedure.Verification, "WorkTeam");
        await bed.ApproveAsync(c, ExitProcedure.Consent, "Household");
        await bed.WaitForStepAsync(c.CaseId, ExitProcedure.Notice);
        bed.Advance(TimeSpan.FromDays(7));
        var link = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.TownshipReview, ExitTestBed.Recipient("TownshipApprover", c));

        var withoutReason = await bed.DecideAsync(link, approve: false);
        var rejected = await bed.DecideAsync(link, approve: false, comment: "家中仍有适龄儿童失学");
        var done = await bed.WaitForAsync(c.CaseId, d => d.Case.Status == ExitCaseStatus.Rejected, "rejected");

        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Contains("不同意时必须填写意见", await withoutReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("乡镇审核未通过：家中仍有适龄儿童失学", done.Case.Outcome);
        Assert.DoesNotContain(done.Audit, a => a.Step == ExitProcedure.CountyApproval);
        var household = await bed.Services.GetRequiredService<RegisterStore>().FindHouseholdAsync(bed.CountyCode, c.HouseholdNumber, CancellationToken.None);
        Assert.Equal(PovertyStatus.NotExited, household!.Household.Status);
    }
}
