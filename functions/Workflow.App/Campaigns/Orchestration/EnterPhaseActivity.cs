using System.Globalization;
using Workflow.Domain.Calendar;
using Workflow.Domain.Campaigns;
using Microsoft.DurableTask;
using Workflow.App.Links;
using Workflow.App.Notifications;

namespace Workflow.App.Campaigns.Orchestration;

/// <summary>
/// Enters a phase: records the transition, tells the office (PhaseStarted), opens the phase's tasks and sends each
/// lead unit its task with a report link. Every write is keyed by the phase and task, so a second run changes nothing.
/// </summary>
public sealed class EnterPhaseActivity(CampaignStore store, NotificationOutbox outbox, TaskReportLinks links, LinkAddresses addresses)
    : TaskActivity<PhaseActivityInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, PhaseActivityInput input)
    {
        var token = CancellationToken.None;
        var plan = input.Plan;
        var phase = plan.Phases[input.PhaseIndex];
        var enteredOn = ShanghaiTime.DateOf(input.At);
        var partition = CampaignKeys.Partition(plan.CountyCode, plan.Year);
        var opened = 0;
        var reminders = 0;
        for (var i = 0; i < plan.Tasks.Count; i++)
        {
            var task = plan.Tasks[i];
            if (!CampaignSchedule.Opens(plan, phase.Key, task))
            {
                continue;
            }

            opened++;
            var taskId = CampaignKeys.TaskId(plan.CountyCode, plan.Year, i);
            var openedOn = TaskSchedule.OpensOn(task, enteredOn);
            var units = task.LeadUnits.Where(u => !string.IsNullOrWhiteSpace(u)).ToList();
            await store.OpenTaskAsync(plan.CountyCode, plan.Year,
                new TrackedTask(taskId, i, task.Number, task.Title, task.Phase, units, task.Deadline.ToString(), openedOn), token).ConfigureAwait(false);
            var duePoints = TaskSchedule.DuePoints(task, openedOn, plan, ScheduleRules.Default);
            reminders += duePoints.Sum(d => TaskSchedule.ReminderTimes(d, openedOn, ScheduleRules.Default, CampaignCalendar.Working).Count);
            if (duePoints.Count == 0)
            {
                continue;
            }

            var first = duePoints[0];
            for (var u = 0; u < units.Count; u++)
            {
                await outbox.RecordAsync(new NotificationMessage(
                    string.Create(CultureInfo.InvariantCulture, $"task-assigned-{taskId}-{u}"),
                    NotificationKinds.TaskAssigned,
                    taskId,
                    CampaignRecipients.LeadUnit(plan.CountyCode, units[u]),
                    $"任务{task.Number}已开始：{task.Title}",
                    $"{plan.Title}“{phase.Name}”已开始。贵单位牵头的任务{task.Number}“{task.Title}”完成时限：{task.Deadline}。" +
                    $"首次报送节点：{first.Date:yyyy年M月d日}（{ChineseTermsOf(first.Kind)}）。请通过链接报送进展并上传佐证材料。",
                    links.Issue(plan.CountyCode, taskId, first.Key, units[u], TaskSchedule.OverdueAt(first)),
                    input.At), token).ConfigureAwait(false);
            }
        }

        var how = input.Actor is null ? "按计划日期开始" : $"由{input.Actor}提前启动";
        var text = $"“{phase.Name}”{how}（{phase.Start:yyyy-MM-dd}至{phase.End:yyyy-MM-dd}），开启任务{opened}项，安排到期提醒{reminders}次。";
        await store.AppendTimelineAsync(plan.CountyCode, plan.Year,
            new CampaignTimelineEntry(input.At, 2, $"start-{phase.Key}", CampaignTimelineKinds.PhaseStarted, phase.Key, text, input.Actor, input.Version), token).ConfigureAwait(false);
        await outbox.RecordAsync(new NotificationMessage(
            $"phase-started-{partition}-{phase.Key}",
            NotificationKinds.PhaseStarted,
            CampaignKeys.InstanceId(plan.CountyCode, plan.Year),
            CampaignRecipients.Office(plan.CountyCode),
            $"阶段开始：{phase.Name}",
            text,
            addresses.Absolute(CampaignKeys.BoardPath(plan.CountyCode, plan.Year)),
            input.At), token).ConfigureAwait(false);
        return opened;
    }

    internal static string ChineseTermsOf(DuePointKind kind) => Domain.Register.ChineseTerms.Of(kind);
}
