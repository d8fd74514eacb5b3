using System.Globalization;
using Workflow.App.Hosting;
using Workflow.App.Notifications;
using Workflow.App.Register;
using Workflow.Domain.Calendar;
using Workflow.Domain.Loans;

namespace Workflow.App.Loans.Usage;

/// <summary>
/// 每月检查 (002: "对贷款使用情况每月检查一次，确保贷款用于产业发展"): each month every township with a loan running gets
/// one link to record each loan's use. A scheduled work item: every run sends what this month has not sent (the
/// message's id is the township and the month), so runs may repeat and overlap; the first run of a month sends it.
/// </summary>
public sealed class LoanUsageRound(CountyDirectory directory, LoanStore loans, LoanUsageLinks links, NotificationOutbox outbox, TimeProvider time) : IScheduledWork
{
    public const string FunctionName = "LoanUsageRound";

    /// <summary>Often enough that a month's links go out on its first day; each run is a read of the ledger per county.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    public const string Kind = "loan-usage-check";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = ShanghaiTime.DateOf(now);
        var month = Month(today);
        foreach (var county in await directory.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var running = Running(await loans.ListAsync(county.Code, cancellationToken).ConfigureAwait(false), today);
            foreach (var township in running.GroupBy(r => (r.TownshipCode, r.Township)))
            {
                var link = links.Issue(county.Code, township.Key.TownshipCode, month);
                await outbox.RecordAsync(new NotificationMessage($"loan-usage.{county.Code}.{township.Key.TownshipCode}.{month}", Kind,
                    LoanUsageLinks.Subject(county.Code, township.Key.TownshipCode), $"{LoanRecipients.TownshipRole}@{township.Key.TownshipCode}",
                    $"待检查：{month} 扶贫小额信贷使用情况",
                    $"{township.Key.Township}有 {township.Count()} 笔扶贫小额信贷在贷。请逐笔检查贷款是否用于产业发展，并通过链接登记检查结果（每月一次）。依据：{LoanRules.Default.UsageCheck.Quote}",
                    link, now), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The loans running on <paramref name="today"/>: lent and not yet past due.</summary>
    public static IReadOnlyList<LoanRecord> Running(IEnumerable<LoanRecord> records, DateOnly today) =>
        [.. records.Where(r => r.Loan.StartDate <= today && r.Loan.DueDate >= today).OrderBy(r => r.Loan.LoanNumber, StringComparer.Ordinal)];

    public static string Month(DateOnly date) => date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
