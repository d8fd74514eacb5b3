using System.Globalization;

namespace Workflow.App.Loans;

/// <summary>
/// The durable instance of a loan's maturity notices: one per county, 贷款编号 and due date, so a re-import of the same
/// loan finds it and a due date the bank moves (展期) gets its own notices.
/// </summary>
public static class LoanInstances
{
    public static string Maturity(string countyCode, string loanNumber, DateOnly dueDate)
    {
        ArgumentNullException.ThrowIfNull(loanNumber);
        return $"loan-{countyCode}-{loanNumber.ToUpperInvariant()}-{dueDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
    }

    public static string Maturity(LoanRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Maturity(record.CountyCode, record.Loan.LoanNumber, record.Loan.DueDate);
    }
}
