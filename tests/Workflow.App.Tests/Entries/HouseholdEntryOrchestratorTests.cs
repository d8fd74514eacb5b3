using Workflow.App.Durable;
using Workflow.App.Entries.Orchestration;
using Workflow.App.Exits;
using Workflow.App.Exits.Orchestration;
using Workflow.App.Tests.Durable;
using Workflow.Domain.Calendar;
using Workflow.Domain.Entries;
using Workflow.Domain.Exits;
using Xunit;

namespace Workflow.App.Tests.Entries;

/// <summary>
/// The entry orchestration alone on a scripted context: the shared case run on the entry procedure — no 本户认可, the
/// notice after 核实 — ends in 挂号 (never 销号) and closes with the entry's wording.
/// </summary>
public sealed class HouseholdEntryOrchestratorTests
{
    private const string CaseId = "532331-5323311002010001-R1";

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Every_entry_step_approved_with_the_notice_passing_registers_and_closes_the_case_approved()
    {
        var orchestration = new ScriptedOrchestrationContext(Start, CaseId);
        orchestration
            .OnActivity<StepInput, OpenedStep>(ExitActivities.OpenStep, input => new OpenedStep(
                StepDeadline.For(input.Step, orchestration.CountyNow, WorkingCalendar.China), new CountyClockReading(orchestration.CountyNow, null)))
            .OnActivity<NoticeInput, OpenedNotice>(ExitActivities.OpenNotice, input => new OpenedNotice(
                orchestration.CountyNow + input.Remaining, new CountyClockReading(orchestration.CountyNow, null)))
            .OnActivity<DecisionInput, bool>(ExitActivities.RecordDecision, _ => true)
            .OnActivity<TimelineInput, bool>(ExitActivities.AppendTimeline, _ => true)
            .OnActivity<CloseInput, bool>(EntryActivities.Register, _ => true)
            .OnActivity<CloseInput, bool>(ExitActivities.Close, _ => true);
        var run = orchestration.Start(new HouseholdEntryOrchestrator(), new ExitCaseInput(CaseId, EntryProcedureCatalog.National));

        foreach (var step in new[] { ExitProcedure.Appraisal, ExitProcedure.Verification })
        {
            Assert.Equal(step, orchestration.CustomStatus);
            orchestration.Advance(TimeSpan.FromHours(2));
            orchestration.Raise(ExitEvents.Decision(step), Decision(step, orchestration.CountyNow));
        }

        Assert.Equal(ExitProcedure.Notice, orchestration.CustomStatus);
        orchestration.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        foreach (var step in new[] { ExitProcedure.TownshipReview, ExitProcedure.CountyApproval })
        {
            Assert.Equal(step, orchestration.CustomStatus);
            orchestration.Raise(ExitEvents.Decision(step), Decision(step, orchestration.CountyNow));
        }

        Assert.True(run.IsCompleted, "The orchestrator still waits.");
        var result = await run;
        var calls = orchestration.Activities.Where(a => !a.Is(ReadCountyClockActivity.Name)).Select(a => a.Name).ToList();
        Assert.Equal(ExitCaseStatus.Approved, result.Status);
        Assert.Equal("审定纳入，已挂号（户状态为未脱贫）。", result.Outcome);
        Assert.Equal([EntryActivities.Register, ExitActivities.Close], calls[^2..]);
        Assert.DoesNotContain(ExitActivities.Deregister, calls);
        Assert.Equal(4, calls.Count(c => c == ExitActivities.OpenStep));
    }

    private static StepDecision Decision(string step, DateTimeOffset at) =>
        new(CaseId, step, true, null, "张书记（民主村）", "村委会", at, "link-" + step, "10.0.0.7", "Tests/1.0");
}
