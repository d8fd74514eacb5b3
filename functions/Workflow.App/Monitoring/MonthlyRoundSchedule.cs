using Workflow.App.Hosting;
using Workflow.App.Monitoring.Changes;
using Workflow.App.Register;
using Workflow.Domain.Calendar;
using Workflow.Domain.Monitoring;

namespace Workflow.App.Monitoring;

/// <summary>
/// 一月一监测 on its own: each run starts this month's round (Beijing dates) for every county that keeps a monitoring
/// ledger. A county joins when its office starts its first round or puts a household in a group through the API; from
/// then on every month's round starts by itself, and on the month's last working day its change report is sent
/// (<see cref="ChangeReportNotice"/>). Starting and sending are idempotent, so runs may repeat and overlap.
/// </summary>
public sealed class MonthlyRoundSchedule(CountyDirectory directory, MonitoringLedger ledger, MonitoringRoundStarter starter, ChangeReportNotice changes, TimeProvider time) : IScheduledWork
{
    public const string FunctionName = "MonitoringMonthlyRounds";

    /// <summary>Hourly: a month's round starts within the first hour of its first day (Beijing).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var month = MonitoringMonth.Of(ShanghaiTime.DateOf(time.GetUtcNow()));
        foreach (var county in await directory.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if ((await ledger.ReadAsync(county.Code, cancellationToken).ConfigureAwait(false)).Count > 0)
            {
                await starter.StartAsync(county.Code, month, cancellationToken).ConfigureAwait(false);
                await changes.SendIfDueAsync(county.Code, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
