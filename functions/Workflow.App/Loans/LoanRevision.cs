using Workflow.Domain.Loans;

namespace Workflow.App.Loans;

/// <summary>What a later ledger changed in a loan, as the import report and the audit say it (zh-CN).</summary>
public static class LoanRevision
{
    /// <summary>e.g. 到期日期 2027-03-01 → 2027-09-01；贷款金额 30,000.00 → 40,000.00 元.</summary>
    public static string Describe(SmallLoan before, SmallLoan after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<string>();
        if (before.DueDate != after.DueDate)
        {
            changes.Add($"到期日期 {Pages.Shown.Date(before.DueDate)} → {Pages.Shown.Date(after.DueDate)}，到期通知按新日期发出");
        }

        if (before.StartDate != after.StartDate)
        {
            changes.Add($"放款日期 {Pages.Shown.Date(before.StartDate)} → {Pages.Shown.Date(after.StartDate)}");
        }

        if (before.Amount != after.Amount)
        {
            changes.Add($"贷款金额 {LoanNotices.Yuan(before.Amount)} → {LoanNotices.Yuan(after.Amount)} 元");
        }

        if (before.Bank != after.Bank)
        {
            changes.Add($"承贷银行 {before.Bank} → {after.Bank}");
        }

        if (before.Borrower != after.Borrower)
        {
            changes.Add($"借款人 {before.Borrower} → {after.Borrower}");
        }

        return string.Join("；", changes);
    }
}
