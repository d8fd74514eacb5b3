namespace Workflow.Domain.Loans;

/// <summary>The columns of a bank's loan ledger file (贷款台账), by their Chinese headers.</summary>
public static class LoanColumns
{
    /// <summary>贷款编号: the bank's number for the loan, unique in the county.</summary>
    public const string LoanNumber = "贷款编号";
    public const string HouseholdNumber = "户编号";
    public const string Borrower = "借款人";
    public const string Amount = "贷款金额";
    public const string StartDate = "放款日期";
    public const string DueDate = "到期日期";
    public const string Bank = "承贷银行";

    public static IReadOnlyList<string> All { get; } = [LoanNumber, HouseholdNumber, Borrower, Amount, StartDate, DueDate, Bank];
}
