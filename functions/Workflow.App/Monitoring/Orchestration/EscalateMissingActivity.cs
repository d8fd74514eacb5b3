using Microsoft.DurableTask;
using Workflow.App.Links;
using Workflow.App.Notifications;

namespace Workflow.App.Monitoring.Orchestration;

/// <summary>
/// At month end, escalates each check still missing to its township's 乡镇分管领导: one notification per township naming
/// the households and their 帮扶责任人, and each row marked escalated; returns how many checks were missing.
/// </summary>
public sealed class EscalateMissingActivity(MonitoringCheckStore checks, NotificationOutbox outbox, LinkAddresses addresses, TimeProvider time)
    : TaskActivity<MonitoringRoundInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, MonitoringRoundInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var token = CancellationToken.None;
        var county = input.CountyCode;
        var month = input.Of();
        var missing = (await checks.ReadRoundAsync(county, month, token).ConfigureAwait(false)).Where(e => !e.Checked).ToList();
        foreach (var township in missing.GroupBy(e => (e.Household.TownshipCode, e.Household.Township)))
        {
            var households = string.Join("；", township.Select(e => $"{e.Household.Village}{e.Household.HeadName}户（帮扶责任人{e.Household.Cadre}）"));
            await outbox.RecordAsync(new NotificationMessage(
                $"monitoring-escalation-{MonitoringKeys.Partition(county, month)}-{township.Key.TownshipCode}", NotificationKinds.Escalated,
                MonitoringKeys.InstanceId(county, month), MonitoringRecipients.TownshipLeader(township.Key.TownshipCode),
                $"{month}监测逾期未报：{township.Key.Township} {township.Count()} 户",
                $"{township.Key.Township}以下 {township.Count()} 户{month}的监测到月底仍未填报，请督促帮扶责任人尽快入户：{households}。",
                addresses.Absolute(MonitoringKeys.ConsolePath(county, month)), time.GetUtcNow()), token).ConfigureAwait(false);
            foreach (var entry in township)
            {
                await checks.MarkEscalatedAsync(county, month, entry.Household.Number, token).ConfigureAwait(false);
            }
        }

        return missing.Count;
    }
}
