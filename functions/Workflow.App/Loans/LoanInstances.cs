namespace Workflow.App.Loans;

/// <summary>The durable instance of a loan's maturity notices: one per county and 贷款编号, so a re-import finds it.</summary>
public static class LoanInstances
{
    public static string Maturity(string countyCode, string loanNumber)
    {
        ArgumentNullException.ThrowIfNull(loanNumber);
        return $"loan-{countyCode}-{loanNumber.ToUpperInvariant()}";
    }
}
