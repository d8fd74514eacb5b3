using System.Diagnostics.CodeAnalysis;
using Workflow.Domain.Register;

namespace Workflow.Domain.Loans;

/// <summary>One row of a bank's ledger file: a valid <see cref="SmallLoan"/> or the row's errors by column, never both.</summary>
public sealed class LoanRowResult
{
    private LoanRowResult(int line, SmallLoan? loan, IReadOnlyList<ImportError> errors)
    {
        Line = line;
        Loan = loan;
        Errors = errors;
    }

    public int Line { get; }

    public SmallLoan? Loan { get; }

    public IReadOnlyList<ImportError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Loan))]
    public bool IsValid => Loan is not null;

    internal static LoanRowResult Valid(int line, SmallLoan loan) => new(line, loan, []);

    internal static LoanRowResult Invalid(int line, IReadOnlyList<ImportError> errors) => new(line, null, errors);
}
