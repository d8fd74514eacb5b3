using Workflow.Domain.Register;

namespace Workflow.App.Loans;

/// <summary>
/// What an import of a bank's ledger did: the rows read, the loans newly added and those already in the ledger unchanged
/// (kept as they were), every refused row by line and column, the kept loans over a limit of 000, the notices that went
/// out at once because their day had passed, and the loans the file revised with what changed.
/// </summary>
public sealed record LoanImportReport(
    string Format,
    int Rows,
    int Imported,
    int AlreadyInLedger,
    IReadOnlyList<ImportError> Errors,
    IReadOnlyList<LoanFlagLine> Flags,
    IReadOnlyList<LoanFlagLine> ImmediateNotices,
    IReadOnlyList<LoanFlagLine> Revised);

/// <summary>A kept loan of the file with what is said of it (a limit it exceeds, a notice sent at once, what was revised).</summary>
public sealed record LoanFlagLine(int Line, string LoanNumber, string Text);
