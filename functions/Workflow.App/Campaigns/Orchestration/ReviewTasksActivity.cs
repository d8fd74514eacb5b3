using System.Globalization;
using Workflow.Domain.Calendar;
using Workflow.Domain.Campaigns;
using Microsoft.DurableTask;
using Workflow.App.Notifications;

namespace Workflow.App.Campaigns.Orchestration;

/// <summary>
/// Reviews the open tasks at one instant of the schedule: a unit whose due point has a reminder now and is not yet met
/// is reminded with a fresh link; a due point that ends now unmet is 逾期, and the unit and the office are told.
/// Notification ids and history keys are made of the task, the due point and the instant, so a rerun sends nothing twice.
/// </summary>
public sealed class ReviewTasksActivity(CampaignStore store, NotificationOutbox outbox, TaskReportLinks links) : TaskActivity<ReviewInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, ReviewInput input)
    {
        var token = CancellationToken.None;
        var plan = input.Plan;
        var rules = ScheduleRules.Default;
        var reports = (await store.ListReportsAsync(plan.CountyCode, plan.Year, token).ConfigureAwait(false))
            .ToLookup(r => r.TaskId, r => new ReportFact(r.At, r.Completed));
        var stamp = input.At.ToUniversalTime().ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        var overdue = new List<string>();
        var sent = 0;
        for (var i = 0; i < plan.Tasks.Count; i++)
        {
            var task = plan.Tasks[i];
            if (CampaignSchedule.OpenedOn(plan, task, input.Entered) is not { } opened)
            {
                continue;
            }

            var taskId = CampaignKeys.TaskId(plan.CountyCode, plan.Year, i);
            var units = task.LeadUnits.Where(u => !string.IsNullOrWhiteSpace(u)).ToList();
            foreach (var due in TaskSchedule.DuePoints(task, opened, plan, rules))
            {
                if (TaskSchedule.IsMet(task, due, reports[taskId]))
                {
                    continue;
                }

                var what = $"任务{task.Number}“{task.Title}”{EnterPhaseActivity.ChineseTermsOf(due.Kind)}{due.Date:yyyy年M月d日}";
                if (TaskSchedule.OverdueAt(due) == input.At)
                {
                    overdue.Add(what);
                    await store.AppendTimelineAsync(plan.CountyCode, plan.Year, new CampaignTimelineEntry(input.At, 10 + i, $"overdue-{taskId}-{due.Key}",
                        CampaignTimelineKinds.TaskOverdue, task.Phase, $"逾期：{what}未报送（牵头单位：{string.Join("、", units)}）。"), token).ConfigureAwait(false);
                    sent += await NotifyUnitsAsync(plan.CountyCode, taskId, due, units, NotificationKinds.TaskOverdue, $"task-overdue-{taskId}-{due.Key}",
                        $"逾期：任务{task.Number}{task.Title}", $"{what}已逾期，请立即报送进展并说明原因。逾期未报将按规定约谈。", input.At, token).ConfigureAwait(false);
                }
                else if (TaskSchedule.ReminderTimes(due, opened, rules, CampaignCalendar.Working).Contains(input.At))
                {
                    var left = CampaignCalendar.Working.WorkingDaysBetween(ShanghaiTime.DateOf(input.At), due.Date);
                    await store.AppendTimelineAsync(plan.CountyCode, plan.Year, new CampaignTimelineEntry(input.At, 10 + i, $"due-{taskId}-{due.Key}-{stamp}",
                        CampaignTimelineKinds.TaskDue, task.Phase, $"提醒：{what}，还有{left}个工作日（牵头单位：{string.Join("、", units)}）。"), token).ConfigureAwait(false);
                    sent += await NotifyUnitsAsync(plan.CountyCode, taskId, due, units, NotificationKinds.TaskDue, $"task-due-{taskId}-{due.Key}-{stamp}",
                        $"催报：任务{task.Number}{task.Title}", $"{what}，还有{left}个工作日，请通过链接报送进展。", input.At, token).ConfigureAwait(false);
                }
            }
        }

        if (overdue.Count > 0)
        {
            await outbox.RecordAsync(new NotificationMessage($"task-overdue-{CampaignKeys.Partition(plan.CountyCode, plan.Year)}-{stamp}", NotificationKinds.TaskOverdue,
                CampaignKeys.InstanceId(plan.CountyCode, plan.Year), CampaignRecipients.Office(plan.CountyCode), $"逾期任务{overdue.Count}项",
                string.Join("；", overdue) + "。", null, input.At), token).ConfigureAwait(false);
        }

        return sent;
    }

    private async Task<int> NotifyUnitsAsync(string countyCode, string taskId, DuePoint due, List<string> units, string kind, string id, string title,
        string text, DateTimeOffset at, CancellationToken token)
    {
        for (var u = 0; u < units.Count; u++)
        {
            await outbox.RecordAsync(new NotificationMessage(string.Create(CultureInfo.InvariantCulture, $"{id}-{u}"), kind, taskId,
                CampaignRecipients.LeadUnit(countyCode, units[u]), title, text, links.Issue(countyCode, taskId, due.Key, units[u], TaskSchedule.OverdueAt(due)), at), token)
                .ConfigureAwait(false);
        }

        return units.Count;
    }
}
