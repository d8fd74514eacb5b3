using Workflow.Domain.Loans;

namespace Workflow.App.Loans;

/// <summary>
/// A loan as the county keeps it: the bank's row, the borrowing household's place and 帮扶责任人 taken from the register
/// at import, when it was imported, when a later ledger last changed it (展期, a corrected amount), and the notices sent
/// so far (days before which due date, with when).
/// </summary>
public sealed record LoanRecord(
    string CountyCode,
    SmallLoan Loan,
    string TownshipCode,
    string Township,
    string VillageCode,
    string Village,
    string ResponsibleCadre,
    DateTimeOffset ImportedAt,
    IReadOnlyList<SentNotice> Notices,
    DateTimeOffset? RevisedAt = null)
{
    /// <summary>The notice sent <paramref name="daysBeforeDue"/> days before the loan's current due date, or null.</summary>
    public SentNotice? NoticeSent(int daysBeforeDue) =>
        Notices.FirstOrDefault(n => n.DaysBeforeDue == daysBeforeDue && (n.DueDate ?? Loan.DueDate) == Loan.DueDate);

    /// <summary>When the loan as it now stands came into the ledger: its revision, or else its import.</summary>
    public DateTimeOffset StandsSince => RevisedAt ?? ImportedAt;
}

/// <summary>
/// A notice sent: how many days before which due date, when it went, and whether it went late (the loan, or its new due
/// date, came into the ledger after the notice's day). Notices recorded before due dates could change carry none and
/// belong to the due date the loan had then (<see cref="LoanStore.SaveAsync"/> stamps them when a date moves).
/// </summary>
public sealed record SentNotice(int DaysBeforeDue, bool Written, DateTimeOffset SentAt, bool Late, DateOnly? DueDate = null);
