using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask;
using Workflow.App.Campaigns;
using Workflow.App.Campaigns.Orchestration;
using Workflow.App.Durable;
using Xunit;

namespace Workflow.App.Tests.Campaigns;

/// <summary>
/// A redeploy mid-phase: the service stops while 禄丰's 春季攻势 is open, comes back with a second version of the
/// campaign orchestrator registered, and the running execution finishes its phase on version 1; the office's advance
/// continues the orchestration as new, and the next phase runs on version 2, which is seen by what only it records.
/// </summary>
public sealed class CampaignRedeployTests
{
    private const string County = "532331";
    private const int Year = 2020;
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static DateTimeOffset At(int year, int month, int day, int hour = 0, int minute = 0, int second = 1) => new(year, month, day, hour, minute, second, Beijing);

    [Fact]
    public async Task The_running_phase_finishes_on_its_version_and_the_next_phase_runs_on_the_new_one()
    {
        await using var bed = await CampaignTestBed.StartAsync(At(2019, 12, 30, 9));
        Assert.Equal(HttpStatusCode.Created, (await bed.StartCampaignAsync(County, Year)).StatusCode);
        await bed.WaitForPhaseAsync(County, Year, "SpringOffensive", PhaseState.AwaitingStart);
        await bed.MoveToAsync(At(2020, 1, 1));
        Assert.Equal("1", (await bed.WaitForPhaseAsync(County, Year, "SpringOffensive", PhaseState.Open)).Version);

        await bed.RestartAsync(builder =>
        {
            builder.Services.AddTaskOrchestrator<CampaignOrchestratorV2>(CampaignOrchestrator.Name, CampaignOrchestratorV2.Version);
            builder.Services.AddTaskActivity<MarkVersionTwoActivity>(MarkVersionTwoActivity.Name);
        });

        // After the restart the open phase's reminders and its last-day notice come from the execution on version 1.
        await bed.MoveToAsync(At(2020, 3, 31, 9));
        var ending = await bed.WaitForHistoryAsync(County, Year, CampaignTimelineKinds.PhaseEnding, "ending-SpringOffensive");
        Assert.Equal("1", ending.Version);
        Assert.Equal("1", ending.History.Single(h => h.Key == "ending-SpringOffensive").Version);
        Assert.Contains(ending.History, h => h.Kind == CampaignTimelineKinds.TaskDue && h.At > At(2020, 1, 1));
        Assert.DoesNotContain(ending.History, h => h.Kind == MarkVersionTwoActivity.Kind);

        // The advance closes 春季攻势 on version 1 and continues as new: 夏季提升 runs on version 2.
        Assert.Equal(HttpStatusCode.Accepted, (await bed.AdvanceAsync(bed.Officer, County, Year, "SpringOffensive")).StatusCode);
        var summer = await bed.WaitForPhaseAsync(County, Year, "SummerUpgrade", PhaseState.AwaitingStart);
        Assert.Equal("1", summer.History.Single(h => h.Key == "advance-SpringOffensive").Version);
        await bed.MoveToAsync(At(2020, 4, 1));
        var open = await bed.WaitForPhaseAsync(County, Year, "SummerUpgrade", PhaseState.Open);
        Assert.Equal("2", open.Version);
        Assert.Equal("2", open.History.Single(h => h.Key == "start-SummerUpgrade").Version);
        var mark = Assert.Single(open.History, h => h.Kind == MarkVersionTwoActivity.Kind);
        Assert.Equal(("SummerUpgrade", "2"), (mark.Phase, mark.Version));
    }

    /// <summary>The new code of the redeploy: it records that it took over the phase, then runs the campaign as before.</summary>
    private sealed class CampaignOrchestratorV2 : TaskOrchestrator<CampaignInput, CampaignResult?>
    {
        public const string Version = "2";

        public override async Task<CampaignResult?> RunAsync(TaskOrchestrationContext context, CampaignInput input)
        {
            await context.CallActivityAsync(MarkVersionTwoActivity.Name, input with { Entered = [] });
            return await new CampaignOrchestrator().RunAsync(context, input);
        }
    }

    private sealed class MarkVersionTwoActivity(CampaignStore store, TimeProvider time) : TaskActivity<CampaignInput, bool>
    {
        public const string Name = "CampaignTestMarkVersionTwo";
        public const string Kind = "test-version-two";

        public override async Task<bool> RunAsync(TaskActivityContext context, CampaignInput input)
        {
            var phase = input.Plan.Phases[input.PhaseIndex];
            return await store.AppendTimelineAsync(input.Plan.CountyCode, input.Plan.Year, new CampaignTimelineEntry(time.GetUtcNow(), 0, $"v2-{phase.Key}", Kind, phase.Key,
                "第2版编排接手本阶段。", null, CampaignOrchestratorV2.Version), CancellationToken.None);
        }
    }
}
