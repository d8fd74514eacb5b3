using Microsoft.DurableTask;
using Workflow.App.Durable;
using Workflow.App.Notifications;

namespace Workflow.App.Monitoring.Orchestration;

/// <summary>
/// Opens a round: seeds the ledger from the register, puts each monitored household in the round, and sends its
/// 帮扶责任人 a check link. The notification's id is the round's and the household's, so a retry sends one.
/// </summary>
public sealed class OpenRoundActivity(MonitoringLedger ledger, MonitoringCheckStore checks, MonitoringCheckLinks links, NotificationOutbox outbox, CountyClock clock)
    : TaskActivity<MonitoringRoundInput, RoundOpened>
{
    public override async Task<RoundOpened> RunAsync(TaskActivityContext context, MonitoringRoundInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var token = CancellationToken.None;
        var county = input.CountyCode;
        var month = input.Of();
        var now = clock.Read();
        foreach (var household in await ledger.SeedAsync(county, token).ConfigureAwait(false))
        {
            await checks.OpenAsync(county, month, household, token).ConfigureAwait(false);
        }

        var round = await checks.ReadRoundAsync(county, month, token).ConfigureAwait(false);
        foreach (var entry in round.Where(e => !e.Checked))
        {
            var h = entry.Household;
            await outbox.RecordAsync(new NotificationMessage(
                $"monitoring-check-{MonitoringKeys.Subject(county, month, h.Number)}", NotificationKinds.DecisionAwaited, MonitoringKeys.InstanceId(county, month),
                MonitoringRecipients.Cadre(h.TownshipCode, h.Cadre), $"{month}监测：{h.Village}{h.HeadName}户",
                $"请于{month.LastDay:M月d日}前入户完成{h.Township}{h.Village}户主{h.HeadName}（户编号 {h.Number}）{month}的监测，并通过链接填报。",
                links.Issue(county, month, h), now.Now), token).ConfigureAwait(false);
        }

        return new RoundOpened([.. round.Select(e => e.Household.Number)], [.. round.Where(e => e.Checked).Select(e => e.Household.Number)], now);
    }
}
