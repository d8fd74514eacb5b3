using System.Globalization;
using Workflow.App.Notifications;
using Workflow.Domain.Calendar;
using Workflow.Domain.Loans;

namespace Workflow.App.Loans;

/// <summary>
/// Sends a maturity notice of a loan (004: the bank tells the borrower 60 days before the due date to get ready, and 30
/// days before in writing) to each of <see cref="LoanRecipients"/>, each with its own read-only link to the printable
/// notice for the bank to hand over (<see cref="LoanNoticeLinks"/>). A message's id is the loan, its due date, the notice and the recipient, so a notice sent twice is
/// recorded once and a moved due date gets notices of its own.
/// </summary>
public sealed class LoanNotices(NotificationOutbox outbox, LoanNoticeLinks links)
{
    /// <summary>The kind of a maturity notice's message (CloudEvent type cn.fupin.workflow.loan-due).</summary>
    public const string Kind = "loan-due";

    public async Task SendAsync(LoanRecord record, LoanNoticeRule notice, bool late, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(notice);
        var loan = record.Loan;
        var title = notice.Written ? $"【书面通知】扶贫小额信贷{notice.DaysBeforeDue}天后到期" : $"扶贫小额信贷{notice.DaysBeforeDue}天后到期：请做好还款准备";
        var ask = notice.Written
            ? "请承贷银行向借款贫困户送达书面还款通知书（链接中的通知书可打印），提醒其按时偿还贷款。"
            : "请承贷银行通知借款贫困户做好还款准备，帮扶责任人和乡镇协助落实。";
        var lateNote = !late ? string.Empty
            : record.RevisedAt is null ? $"（该贷款导入时距到期已不足{notice.DaysBeforeDue}天，本通知于导入后即时发出。）"
            : $"（该贷款到期日期变更后距到期已不足{notice.DaysBeforeDue}天，本通知于变更后即时发出。）";
        var text = $"{Describe(record)}将于 {Pages.Shown.Date(loan.DueDate)} 到期。{ask}{lateNote}";
        foreach (var (key, recipient) in LoanRecipients.All(record))
        {
            var link = links.Issue(record, notice.DaysBeforeDue, recipient);
            await outbox.RecordAsync(new NotificationMessage(
                $"loan.{record.CountyCode}.{LoanStore.RowKeyOf(loan.LoanNumber)}.{loan.DueDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.{notice.DaysBeforeDue}.{key}", Kind, LoanInstances.Maturity(record),
                recipient, title, text, link, at), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The printable notice page of a loan's notice on the console, for the county office signed in.</summary>
    public static string NoticePath(LoanRecord record, int daysBeforeDue)
    {
        ArgumentNullException.ThrowIfNull(record);
        return $"/console/loans/notice?county={Uri.EscapeDataString(record.CountyCode)}&loan={Uri.EscapeDataString(record.Loan.LoanNumber)}&days={daysBeforeDue.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Whether the loan as it stands (its import, or the revision that moved its due date) came after the day of the notice, so the notice goes at once.</summary>
    public static bool IsLate(LoanRecord record, LoanNoticeRule notice)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(notice);
        return ShanghaiTime.DateOf(record.StandsSince) > record.Loan.NoticeDate(notice.DaysBeforeDue);
    }

    /// <summary>e.g. 碧城镇竹湖村张三（户编号 532331…）在禄丰县农村信用合作联社的扶贫小额信贷（贷款编号 DK001，30,000.00 元）.</summary>
    public static string Describe(LoanRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var loan = record.Loan;
        return $"{record.Township}{record.Village}{loan.Borrower}（户编号 {loan.HouseholdNumber}）在{loan.Bank}的扶贫小额信贷（贷款编号 {loan.LoanNumber}，{Yuan(loan.Amount)} 元）";
    }

    public static string Yuan(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);
}
