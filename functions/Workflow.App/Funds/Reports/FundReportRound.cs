using Workflow.App.Hosting;
using Workflow.App.Links;
using Workflow.App.Notifications;
using Workflow.App.Register;
using Workflow.Domain.Calendar;

namespace Workflow.App.Funds.Reports;

/// <summary>
/// The monthly fund-use report round. 003: “建立定期报告制度，镇街道每月向区扶贫开发领导小组报告资金使用情况。” From a
/// month's last day every township with an allocation by then gets one link to confirm its generated report; a report
/// still missing after <see cref="FundDeadlines.ReportWorkingDays"/> working days (an assumption) is escalated to the
/// county office. Each message's id is the county, township and month, so runs may repeat and overlap and each goes once.
/// </summary>
public sealed class FundReportRound(CountyDirectory directory, FundStore funds, FundReportStore reports, FundReportLinks links, FundDeadlines deadlines,
    NotificationOutbox outbox, LinkAddresses addresses, TimeProvider time) : IScheduledWork
{
    public const string FunctionName = "FundReportRound";

    /// <summary>Often enough that links go out on the month's last day and escalations on the day they fall due.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    public const string Kind = "fund-report";

    public Task RunAsync(CancellationToken cancellationToken) => SendAsync(cancellationToken);

    /// <summary>Sends what is due and not sent before; returns how many messages were new (0 on a repeated run).</summary>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        var now = time.GetUtcNow();
        var today = ShanghaiTime.DateOf(now);
        var month = FundReportMonth.On(today);
        var late = today > deadlines.ReportDueOn(month.Last);
        foreach (var county in await directory.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var townships = (await funds.ListAsync(county.Code, cancellationToken).ConfigureAwait(false))
                .Where(r => r.Allocation.AllocatedOn <= month.Last)
                .Select(r => (r.Allocation.TownshipCode, r.Allocation.Township)).Distinct().ToList();
            var filed = late ? await reports.ListAsync(county.Code, month.Key, cancellationToken).ConfigureAwait(false) : null;
            foreach (var (code, name) in townships)
            {
                sent += await outbox.RecordAsync(new NotificationMessage($"fund-report.{county.Code}.{code}.{month.Key}", Kind, FundNotice.SubjectOf(county.Code, code),
                    FundReportLinks.Recipient(code), $"待报告：{month.Name}扶贫资金使用情况",
                    $"请核对{name}{month.Name}扶贫资金使用情况（系统按拨付台账生成），填写说明后确认上报。依据：建立定期报告制度，镇街道每月向区扶贫开发领导小组报告资金使用情况。",
                    links.Issue(county.Code, code, month), now), cancellationToken).ConfigureAwait(false) ? 1 : 0;
                if (filed is not null && !filed.ContainsKey(code))
                {
                    sent += await outbox.RecordAsync(new NotificationMessage($"fund-report-late.{county.Code}.{code}.{month.Key}", NotificationKinds.Escalated,
                        FundNotice.SubjectOf(county.Code, code), $"CountyOfficer@{county.Code}", $"逾期未报：{name}{month.Name}资金使用情况",
                        $"{name}{month.Name}扶贫资金使用情况月报应于 {Pages.Shown.Date(deadlines.ReportDueOn(month.Last))} 前上报，至今未报，请督促。",
                        addresses.Absolute(Web.FundConsole.PathOf(county.Code)), now), cancellationToken).ConfigureAwait(false) ? 1 : 0;
                }
            }
        }

        return sent;
    }
}
