using Microsoft.DurableTask;
using Workflow.App.Notifications;

namespace Workflow.App.Monitoring.Orchestration;

/// <summary>Reminds the 帮扶责任人 of each check still missing, with a fresh link (the first may be lost); returns how many.</summary>
public sealed class RemindMissingActivity(MonitoringCheckStore checks, MonitoringCheckLinks links, NotificationOutbox outbox, TimeProvider time)
    : TaskActivity<MonitoringRoundInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, MonitoringRoundInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var token = CancellationToken.None;
        var county = input.CountyCode;
        var month = input.Of();
        var missing = (await checks.ReadRoundAsync(county, month, token).ConfigureAwait(false)).Where(e => !e.Checked).ToList();
        foreach (var entry in missing)
        {
            var h = entry.Household;
            await outbox.RecordAsync(new NotificationMessage(
                $"monitoring-reminder-{MonitoringKeys.Subject(county, month, h.Number)}", NotificationKinds.Reminder, MonitoringKeys.InstanceId(county, month),
                MonitoringRecipients.Cadre(h.TownshipCode, h.Cadre), $"催办：{month}监测 {h.Village}{h.HeadName}户",
                $"{h.Township}{h.Village}户主{h.HeadName}（户编号 {h.Number}）{month}的监测尚未填报，请于{month.LastDay:M月d日}前完成；逾期将报{MonitoringRecipients.TownshipLeaderName(h.Township)}。",
                links.Issue(county, month, h), time.GetUtcNow()), token).ConfigureAwait(false);
            await checks.MarkRemindedAsync(county, month, h.Number, token).ConfigureAwait(false);
        }

        return missing.Count;
    }
}
