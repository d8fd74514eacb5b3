using Workflow.App.Durable;
using Workflow.App.Monitoring.Orchestration;
using Workflow.App.Tests.Durable;
using Workflow.Domain.Calendar;
using Xunit;

namespace Workflow.App.Tests.Monitoring;

/// <summary>The round's timing and counting, on a scripted context: weeks of a month in microseconds.</summary>
public sealed class MonthlyMonitoringOrchestratorTests
{
    private static readonly DateTimeOffset Start = ShanghaiTime.StartOf(new DateOnly(2020, 3, 2)).AddHours(9);

    // Tuesday 31 March 2020: three working days before it is Thursday 26 March.
    private static readonly DateTimeOffset RemindAt = ShanghaiTime.StartOf(new DateOnly(2020, 3, 26));
    private static readonly DateTimeOffset MonthEnds = ShanghaiTime.StartOf(new DateOnly(2020, 4, 1));

    private static ScriptedOrchestrationContext Scripted(int missingAtEnd = 1)
    {
        var scripted = new ScriptedOrchestrationContext(Start);
        scripted.OnActivity<MonitoringRoundInput, RoundOpened>(MonitoringActivities.OpenRound, _ => new RoundOpened(["A", "B"], [], new CountyClockReading(scripted.CountyNow, null)));
        scripted.OnActivity<MonitoringRoundInput, int>(MonitoringActivities.RemindMissing, _ => 1);
        scripted.OnActivity<MonitoringRoundInput, int>(MonitoringActivities.EscalateMissing, _ => missingAtEnd);
        return scripted;
    }

    [Fact]
    public async Task A_check_counted_once_however_often_it_comes_and_the_missing_one_reminded_then_escalated()
    {
        var scripted = Scripted();
        var run = scripted.Start(new MonthlyMonitoringOrchestrator(), new MonitoringRoundInput("532331", 2020, 3, 3));

        scripted.Raise(MonitoringEvents.CheckRecorded, new CheckRecordedEvent("A"));
        scripted.Raise(MonitoringEvents.CheckRecorded, new CheckRecordedEvent("A"));
        scripted.Raise(MonitoringEvents.CheckRecorded, new CheckRecordedEvent("not-in-the-round"));
        Assert.Equal(new RoundProgress(2, 1, false, false), scripted.CustomStatus);

        scripted.Advance(RemindAt - scripted.CountyNow - TimeSpan.FromSeconds(2));
        Assert.Empty(scripted.InputsOf<MonitoringRoundInput>(MonitoringActivities.RemindMissing));
        // A county timer is asked a second late (CountyTimers: the engine may fire a second early).
        scripted.Advance(TimeSpan.FromSeconds(3));
        Assert.Single(scripted.InputsOf<MonitoringRoundInput>(MonitoringActivities.RemindMissing));
        Assert.Empty(scripted.InputsOf<MonitoringRoundInput>(MonitoringActivities.EscalateMissing));

        scripted.Advance(MonthEnds - scripted.CountyNow + TimeSpan.FromSeconds(1));
        Assert.Single(scripted.InputsOf<MonitoringRoundInput>(MonitoringActivities.EscalateMissing));
        Assert.True(run.IsCompletedSuccessfully);
        Assert.Equal(new RoundResult(2, 1, 1), await run);
    }

    [Fact]
    public async Task A_round_every_household_has_filed_ends_without_reminding()
    {
        var scripted = Scripted();
        var run = scripted.Start(new MonthlyMonitoringOrchestrator(), new MonitoringRoundInput("532331", 2020, 3, 3));

        scripted.Raise(MonitoringEvents.CheckRecorded, new CheckRecordedEvent("B"));
        scripted.Raise(MonitoringEvents.CheckRecorded, new CheckRecordedEvent("A"));

        Assert.True(run.IsCompletedSuccessfully);
        Assert.Equal(new RoundResult(2, 2, 0), await run);
        Assert.Empty(scripted.InputsOf<MonitoringRoundInput>(MonitoringActivities.RemindMissing));
    }

    [Fact]
    public void The_reminder_follows_the_configured_working_days()
    {
        var scripted = Scripted();
        _ = scripted.Start(new MonthlyMonitoringOrchestrator(), new MonitoringRoundInput("532331", 2020, 3, 5));

        // Five working days before Tuesday 31 March is Tuesday 24 March.
        scripted.Advance(ShanghaiTime.StartOf(new DateOnly(2020, 3, 23)) - scripted.CountyNow);
        Assert.Empty(scripted.InputsOf<MonitoringRoundInput>(MonitoringActivities.RemindMissing));
        scripted.Advance(ShanghaiTime.StartOf(new DateOnly(2020, 3, 24)) - scripted.CountyNow + TimeSpan.FromSeconds(1));
        Assert.Single(scripted.InputsOf<MonitoringRoundInput>(MonitoringActivities.RemindMissing));
    }
}
