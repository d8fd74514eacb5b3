using System.Globalization;
using Workflow.App.Hosting;
using Workflow.App.Links;
using Workflow.App.Notifications;
using Workflow.App.Register;
using Workflow.Domain.Calendar;
using Workflow.Domain.Loans;

namespace Workflow.App.Loans.Usage;

/// <summary>
/// 贴息划拨 (002: "扶贫办每半年向贷款银行划拨贴息资金"): each half-year the county office gets the list of what to
/// subsidise for the half just ended, per bank: the loans that ran in it and their amounts, to check against the banks'
/// own summary before transferring. The half-years are January–June and July–December and the reminder goes from the
/// first day of the next one: an assumption (the seed says only "每半年"). Idempotent per county and half-year.
/// </summary>
public sealed class InterestSubsidyRound(CountyDirectory directory, LoanStore loans, NotificationOutbox outbox, LinkAddresses addresses, TimeProvider time) : IScheduledWork
{
    public const string FunctionName = "LoanInterestSubsidyRound";

    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    public const string Kind = "loan-interest-subsidy";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (name, from, to) = HalfBefore(ShanghaiTime.DateOf(now), LoanRules.Default.InterestSubsidy.Value);
        foreach (var county in await directory.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var ran = (await loans.ListAsync(county.Code, cancellationToken).ConfigureAwait(false))
                .Where(r => r.Loan.StartDate <= to && r.Loan.DueDate >= from).ToList();
            if (ran.Count == 0)
            {
                continue;
            }

            var byBank = string.Join("；", ran.GroupBy(r => r.Loan.Bank).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} {g.Count()} 笔、{LoanNotices.Yuan(g.Sum(r => r.Loan.Amount))} 元"));
            await outbox.RecordAsync(new NotificationMessage($"loan-subsidy.{county.Code}.{name}", Kind, $"loan-subsidy-{county.Code}", $"CountyOfficer@{county.Code}",
                $"待办：{name}扶贫小额信贷贴息划拨",
                $"{name}（{Pages.Shown.Date(from)} 至 {Pages.Shown.Date(to)}）在贷扶贫小额信贷 {ran.Count} 笔：{byBank}。请核对贷款银行汇总的贴息情况后向贷款银行划拨贴息资金。依据：{LoanRules.Default.InterestSubsidy.Quote}",
                addresses.Absolute($"/console/loans?county={Uri.EscapeDataString(county.Code)}"), now), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The period of <paramref name="months"/> months that ended before the one <paramref name="today"/> is in, e.g. 2026年上半年.</summary>
    public static (string Name, DateOnly From, DateOnly To) HalfBefore(DateOnly today, int months)
    {
        var periodsPerYear = 12 / months;
        var index = ((today.Year * periodsPerYear) + ((today.Month - 1) / months)) - 1;
        var year = index / periodsPerYear;
        var period = index % periodsPerYear;
        var from = new DateOnly(year, (period * months) + 1, 1);
        var name = months == 6 ? $"{year}年{(period == 0 ? "上" : "下")}半年" : $"{year}年第{(period + 1).ToString(CultureInfo.InvariantCulture)}期";
        return (name, from, from.AddMonths(months).AddDays(-1));
    }
}
