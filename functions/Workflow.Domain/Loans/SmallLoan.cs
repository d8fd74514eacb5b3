namespace Workflow.Domain.Loans;

/// <summary>一笔扶贫小额信贷: a loan of the bank's ledger, to a household of the county's register.</summary>
/// <param name="LoanNumber">贷款编号.</param>
/// <param name="HouseholdNumber">户编号 of the borrowing household.</param>
/// <param name="Borrower">借款人, as the bank wrote the name.</param>
/// <param name="Amount">贷款金额 in 元.</param>
/// <param name="StartDate">放款日期.</param>
/// <param name="DueDate">到期日期.</param>
/// <param name="Bank">承贷银行.</param>
public sealed record SmallLoan(string LoanNumber, string HouseholdNumber, string Borrower, decimal Amount, DateOnly StartDate, DateOnly DueDate, string Bank)
{
    /// <summary>What the loan exceeds of 000's limits: flagged for the county to look at, not refused.</summary>
    public IReadOnlyList<LoanExcess> FlagsUnder(LoanRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var flags = new List<LoanExcess>();
        if (Amount > rules.MaxAmount.Value)
        {
            flags.Add(LoanExcess.OverAmount);
        }

        if (DueDate > StartDate.AddYears(rules.MaxTermYears.Value))
        {
            flags.Add(LoanExcess.OverTerm);
        }

        return flags;
    }

    /// <summary>The day a notice <paramref name="daysBeforeDue"/> calendar days before the due date falls on.</summary>
    public DateOnly NoticeDate(int daysBeforeDue) => DueDate.AddDays(-daysBeforeDue);
}
