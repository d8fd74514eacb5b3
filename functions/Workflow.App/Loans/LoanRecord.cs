using Workflow.Domain.Loans;

namespace Workflow.App.Loans;

/// <summary>
/// A loan as the county keeps it: the bank's row, the borrowing household's place and 帮扶责任人 taken from the register
/// at import, when it was imported, and the notices sent so far (days before due, with when).
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
    IReadOnlyList<SentNotice> Notices)
{
    public SentNotice? NoticeSent(int daysBeforeDue) => Notices.FirstOrDefault(n => n.DaysBeforeDue == daysBeforeDue);
}

/// <summary>A notice sent: how many days before due it is, when it went, and whether it went late (the loan was imported after its day).</summary>
public sealed record SentNotice(int DaysBeforeDue, bool Written, DateTimeOffset SentAt, bool Late);
