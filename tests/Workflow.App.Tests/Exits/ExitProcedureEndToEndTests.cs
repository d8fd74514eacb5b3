using Xunit;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Domain.Exits;
using Workflow.Domain.Register;
using Microsoft.DurableTask;
using Moq;
using Workflow.App.Exits;
using Workflow.App.Exits.Orchestration;
using Workflow.App.Register;

namespace Workflow.App.Tests.Exits;

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
        // 脱贫年度 is the year of the standard the case applied, not the year the register was changed (2026).
        Assert.Equal(c.Year, household.Household.ExitYear);
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
        var refusedPage = await withoutReason.Content.ReadAsStringAsync();
        Assert.Contains("不同意时必须填写意见", refusedPage, StringComparison.Ordinal);
        // What the approver entered comes back, so only the missing reason needs typing.
        Assert.Contains("value=\"reject\" checked", refusedPage, StringComparison.Ordinal);
        Assert.Contains("value=\"张审核\"", refusedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("乡镇审核未通过：家中仍有适龄儿童失学", done.Case.Outcome);
        Assert.DoesNotContain(done.Audit, a => a.Step == ExitProcedure.CountyApproval);
        var household = await bed.Services.GetRequiredService<RegisterStore>().FindHouseholdAsync(bed.CountyCode, c.HouseholdNumber, CancellationToken.None);
        Assert.Equal(PovertyStatus.NotExited, household!.Household.Status);
    }

    [Fact]
    public async Task An_upheld_objection_pauses_the_notice_and_rejects_the_case()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await DriveToNoticeAsync(bed, 2);
        bed.Advance(TimeSpan.FromDays(2));

        await FileObjectionAsync(bed, c, "该户家中有小轿车，收入未如实申报");
        var review = await bed.WaitForLinkAsync(c.CaseId, "objection-review-1", ExitTestBed.Recipient("TownshipApprover", c));
        bed.Advance(TimeSpan.FromDays(6));
        var upheld = await bed.DecideAsync(review, approve: false, comment: "经核实异议属实");
        var done = await bed.WaitForAsync(c.CaseId, d => d.Case.Status == ExitCaseStatus.Rejected, "rejected");

        Assert.Equal(HttpStatusCode.OK, upheld.StatusCode);
        Assert.Equal("公示异议成立：经核实异议属实", done.Case.Outcome);
        Assert.Equal("该户家中有小轿车，收入未如实申报", Assert.Single(done.Objections).Reason);
        // Six days into a paused notice nothing passed: the paused timer did not end the notice.
        Assert.DoesNotContain(done.Timeline, t => t.Kind == TimelineKinds.NoticePassed);
        Assert.DoesNotContain(done.Audit, a => a.Step == ExitProcedure.TownshipReview);
    }

    [Fact]
    public async Task A_dismissed_objection_resumes_the_notice_with_the_days_it_had_left()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await DriveToNoticeAsync(bed, 3);
        var opened = (await bed.DetailAsync(c.CaseId)).Case.NoticeEndsAt!.Value;
        bed.Advance(TimeSpan.FromDays(3));
        await FileObjectionAsync(bed, c, "听说该户仍有贷款未还");
        var review = await bed.WaitForLinkAsync(c.CaseId, "objection-review-1", ExitTestBed.Recipient("TownshipApprover", c));

        // The review takes two days; the notice stays paused meanwhile.
        bed.Advance(TimeSpan.FromDays(2));
        var dismissed = await bed.DecideAsync(review, approve: true, comment: "贷款为产业贷款，按期还款中，异议不成立");
        var resumed = await bed.WaitForAsync(c.CaseId, d => d.Case.CurrentStep == ExitProcedure.Notice && d.Case.NoticeEndsAt > opened, "notice resumed");

        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        Assert.Equal(opened + TimeSpan.FromDays(2), resumed.Case.NoticeEndsAt!.Value, TimeSpan.FromMinutes(1));
        bed.Advance(TimeSpan.FromDays(4) - TimeSpan.FromHours(1));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(ExitProcedure.Notice, (await bed.DetailAsync(c.CaseId)).Case.CurrentStep);
        bed.Advance(TimeSpan.FromHours(2));
        await bed.ApproveAsync(c, ExitProcedure.TownshipReview, "TownshipApprover");
        await bed.ApproveAsync(c, ExitProcedure.CountyApproval, "CountyOfficer");
        var done = await bed.WaitForAsync(c.CaseId, d => d.Case.Status == ExitCaseStatus.Approved, "approved");
        Assert.Contains(done.Timeline, t => t.Kind == TimelineKinds.ObjectionFiled && t.Text.Contains("听说该户仍有贷款未还", StringComparison.Ordinal));
        Assert.Contains(done.Timeline, t => t.Text.StartsWith("异议已处理，公示继续", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_undecided_step_is_reminded_then_escalated_in_working_days_and_the_supervisor_can_decide()
    {
        await using var bed = await ExitTestBed.StartAsync();
        var c = await bed.StartCaseAsync(4);
        var committee = ExitTestBed.Recipient("VillageCommittee", c);
        await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Appraisal, committee);
        var opened = await bed.DetailAsync(c.CaseId);
        // Monday 09:00 + 5 working days: due the next Monday 09:00, reminded on Friday 09:00.
        Assert.Equal(ExitTestBed.Start.AddDays(7), opened.Case.StepDueAt!.Value);

        bed.Advance(TimeSpan.FromDays(4) - TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain((await bed.DetailAsync(c.CaseId)).Timeline, t => t.Kind == TimelineKinds.Reminder);
        bed.Advance(TimeSpan.FromMinutes(2));
        await bed.WaitForInboxAsync(committee, "催办：民主评议即将到期");
        var reminded = await bed.WaitForAsync(c.CaseId, d => d.Timeline.Any(t => t.Kind == TimelineKinds.Reminder), "reminded");
        Assert.False(reminded.Case.Escalated);

        bed.Advance(TimeSpan.FromDays(3));
        var supervisorLink = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Appraisal, ExitTestBed.Recipient("TownshipApprover", c));
        var escalated = await bed.WaitForAsync(c.CaseId, d => d.Case.Escalated, "escalated");
        Assert.Contains(escalated.Timeline, t => t.Kind == TimelineKinds.Escalated && t.Text.Contains("乡镇审核人", StringComparison.Ordinal));
        var listed = await bed.County.GetStringAsync($"/api/counties/{bed.CountyCode}/exits?overdue=true");
        Assert.Contains(c.CaseId, listed, StringComparison.Ordinal);

        var decided = await bed.DecideAsync(supervisorLink, approve: true, comment: "督办后已召开评议会", name: "乡镇 李督办");
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var next = await bed.WaitForStepAsync(c.CaseId, ExitProcedure.Verification);
        Assert.False(next.Case.Escalated);
        Assert.Equal("TownshipApprover", Assert.Single(next.Audit).Role);
        // The committee's own link lost: the supervisor decided the step.
        var committeeLink = (await bed.InboxLinksAsync(committee)).First(l => ExitTestBed.PayloadOf(l)!.Step == ExitProcedure.Appraisal);
        var late = await bed.DecideAsync(committeeLink, approve: true, comment: "迟到的评议");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task An_activity_that_runs_again_late_does_not_roll_the_case_back_to_an_earlier_step()
    {
        // Activities run at least once: a crash between sending an activity's result and deleting its message runs
        // it again minutes later, when the case has moved on.
        await using var bed = await ExitTestBed.StartAsync();
        var c = await bed.StartCaseAsync(11);
        await bed.ApproveAsync(c, ExitProcedure.Appraisal, "VillageCommittee");
        var verification = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Verification, ExitTestBed.Recipient("WorkTeam", c));
        await bed.WaitForStepAsync(c.CaseId, ExitProcedure.Verification);

        // As the worker makes it: from the app's services, with the context the engine gives (nothing in it is read).
        var openAppraisal = ActivatorUtilities.CreateInstance<OpenStepActivity>(bed.Services);
        await openAppraisal.RunAsync(Mock.Of<TaskActivityContext>(),
            new StepInput(c.CaseId, ExitProcedureCatalog.National.Step(ExitProcedure.Appraisal), ExitProcedure.Appraisal, 1));

        Assert.Equal(ExitProcedure.Verification, (await bed.DetailAsync(c.CaseId)).Case.CurrentStep);
        Assert.Equal(HttpStatusCode.OK, (await bed.DecideAsync(verification, approve: true, comment: "核实无误")).StatusCode);
        await bed.WaitForStepAsync(c.CaseId, ExitProcedure.Consent);
    }

    private static async Task<ExitCase> DriveToNoticeAsync(ExitTestBed bed, int householdIndex)
    {
        var c = await bed.StartCaseAsync(householdIndex);
        await bed.ApproveAsync(c, ExitProcedure.Appraisal, "VillageCommittee");
        await bed.ApproveAsync(c, ExitProcedure.Verification, "WorkTeam");
        await bed.ApproveAsync(c, ExitProcedure.Consent, "Household");
        await bed.WaitForStepAsync(c.CaseId, ExitProcedure.Notice);
        return c;
    }

    /// <summary>As a villager would: the notice link from the committee's inbox, its QR target, the form.</summary>
    private static async Task FileObjectionAsync(ExitTestBed bed, ExitCase c, string reason)
    {
        var notice = await bed.WaitForLinkAsync(c.CaseId, ExitProcedure.Notice, ExitTestBed.Recipient("VillageCommittee", c), path: "/notices/");
        var page = await bed.Anonymous.GetStringAsync(notice);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        var form = notice.Replace("/notices/", "/objections/", StringComparison.Ordinal);
        Assert.Contains(form, page, StringComparison.Ordinal);
        var filed = await bed.Anonymous.PostAsync(form, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["contact"] = "村民 13800000000",
            ["reason"] = reason,
        }));
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        await bed.WaitForAsync(c.CaseId, d => d.Case.CurrentStep == "objection-review-1", "objection review");
    }
}
