using Microsoft.DurableTask;
using Workflow.App.Durable;
using Workflow.Domain.Calendar;

namespace Workflow.App.Monitoring.Orchestration;

/// <summary>
/// 月度监测 — one county's round for one month (instance monitoring-{county}-{yyyyMM}). It opens by seeding the ledger
/// from the register and sending each monitored household's 帮扶责任人 a check link, then waits: a check filed through a
/// link is counted as it comes; N working days before the month's last day (configurable, an assumption) the cadres of
/// checks still missing are reminded; at the end of the month's last day what is still missing is escalated to each
/// township's 乡镇分管领导, and the round ends. It ends early when every household has filed. Times are county times
/// (<see cref="CountyTimers"/>); working days are the published calendar, weekends-only for a year not yet published.
/// A check filed after the round has ended is still taken by its link (valid a month longer) and shows as late.
/// </summary>
// DURABLE0011 (a loop without ContinueAsNew): the loop holds at most one event per household and two timers.
#pragma warning disable DURABLE0011
public sealed class MonthlyMonitoringOrchestrator : TaskOrchestrator<MonitoringRoundInput, RoundResult>
{
    public const string Name = "MonthlyMonitoring";

    private static readonly WorkingCalendar Calendar = WorkingCalendar.China.WithWeekendsWhereUnpublished();

    public override async Task<RoundResult> RunAsync(TaskOrchestrationContext context, MonitoringRoundInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var month = input.Of();
        var opened = await context.CallActivityAsync<RoundOpened>(MonitoringActivities.OpenRound, input, ActivityRetry.Options);
        var asked = opened.Households.ToHashSet(StringComparer.Ordinal);
        var done = opened.AlreadyChecked.Where(asked.Contains).ToHashSet(StringComparer.Ordinal);
        var remindAt = ShanghaiTime.StartOf(Calendar.AddWorkingDays(month.LastDay, -input.ReminderWorkingDays));
        var endAt = ShanghaiTime.StartOf(month.LastDay.AddDays(1));
        var reminded = false;
        CountyClockReading? known = opened.Clock;
        context.SetCustomStatus(new RoundProgress(asked.Count, done.Count, reminded, false));

        var recorded = context.WaitForEventAsync<CheckRecordedEvent>(MonitoringEvents.CheckRecorded);
        while (done.Count < asked.Count)
        {
            var next = reminded ? endAt : remindAt;
            using var stopTimer = new CancellationTokenSource();
            var timer = context.WaitUntilAsync(next, known, stopTimer.Token);
            known = null;
            var first = await Task.WhenAny(recorded, timer);
            if (first == recorded)
            {
                // Cancel synchronously: CancelAsync would resume the orchestrator outside replay.
                stopTimer.Cancel();
                var household = (await recorded).HouseholdNumber;
                if (asked.Contains(household))
                {
                    done.Add(household);
                }

                recorded = context.WaitForEventAsync<CheckRecordedEvent>(MonitoringEvents.CheckRecorded);
                context.SetCustomStatus(new RoundProgress(asked.Count, done.Count, reminded, false));
                continue;
            }

            if (!reminded)
            {
                reminded = true;
                await context.CallActivityAsync<int>(MonitoringActivities.RemindMissing, input, ActivityRetry.Options);
                context.SetCustomStatus(new RoundProgress(asked.Count, done.Count, reminded, false));
                continue;
            }

            // The activity reads the round itself: a check filed in the last moment is not escalated even if its event is still on the way.
            var escalated = await context.CallActivityAsync<int>(MonitoringActivities.EscalateMissing, input, ActivityRetry.Options);
            context.SetCustomStatus(new RoundProgress(asked.Count, asked.Count - escalated, reminded, true));
            return new RoundResult(asked.Count, asked.Count - escalated, escalated);
        }

        return new RoundResult(asked.Count, done.Count, 0);
    }
}
#pragma warning restore DURABLE0011
