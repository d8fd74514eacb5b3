using Workflow.Domain.Register;

namespace Workflow.App.Loans;

/// <summary>
/// What an import of a bank's ledger did: the rows read, the loans newly added and those already in the ledger (kept as
/// they were), every refused row by line and column, the kept loans over a limit of 000, and the notices that went out at
/// once because their day had passed.
/// </summary>
public sealed record LoanImportReport(
    string Format,
    int Rows,
    int Imported,
    int AlreadyInLedger,
    IReadOnlyList<ImportError> Errors,
    IReadOnlyList<LoanFlagLine> Flags,
    IReadOnlyList<LoanFlagLine> ImmediateNotices);

/// <summary>A kept loan of the file with what is said of it (a limit it exceeds, or a notice sent at once).</summary>
public sealed record LoanFlagLine(int Line, string LoanNumber, string Text);
