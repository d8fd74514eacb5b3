using Workflow.Domain.Rectification;

namespace Workflow.Domain.Funds;

/// <summary>
/// One hand-over of an allocation's money (拨付环节): the first two once per allocation, then one per village payment
/// request. <see cref="Amount"/> is what this step is to pay (the allocation; what the finance office received; the
/// request), <see cref="DueOn"/> the last day in force (moved by a 督办单, as the rectification ledger does).
/// </summary>
/// <param name="Step">The step's key, also its links' and its orchestration's: county, finance, village-1, village-2, …</param>
/// <param name="StatutoryDueOn">The deadline the rules set (法定时限), kept when a 督办单 moves <see cref="DueOn"/>; null until then.</param>
/// <param name="StartsOn">The day its clock starts: the allocation's date, step 1's payment date, the request's approval date.</param>
public sealed record DisbursementStep(
    string AllocationId,
    string Step,
    DisbursementStage Stage,
    decimal Amount,
    DateOnly StartsOn,
    DateOnly DueOn,
    string? VillageCode = null,
    string? Village = null,
    string? Purpose = null,
    OverdueStage Overdue = OverdueStage.None,
    DateOnly? SupervisedOn = null,
    decimal? PaidAmount = null,
    DateOnly? PaidOn = null,
    string? PaidBy = null,
    string? VoucherId = null,
    DateOnly? StatutoryDueOn = null)
{
    public const string CountyStep = "county";
    public const string FinanceStep = "finance";

    public static string VillageStep(int request) => $"village-{request}";

    public static string RequestStep(int request) => $"request-{request}";

    public bool IsPaid => PaidOn is not null;

    /// <summary>Unpaid on a Beijing date after the deadline in force.</summary>
    public bool IsOverdue(DateOnly today) => !IsPaid && today > DueOn;

    /// <summary>The deadline the rules set, whatever a 督办单 later gave.</summary>
    public DateOnly Statutory => StatutoryDueOn ?? DueOn;

    /// <summary>Calendar days past the statutory deadline: until paid, or until <paramref name="today"/>; 0 when on time.</summary>
    public int OverdueDays(DateOnly today) => Math.Max(0, (PaidOn ?? today).DayNumber - Statutory.DayNumber);

    /// <summary>A 督办单 went out: a new deadline; the statutory one is kept.</summary>
    public DisbursementStep Supervise(DateOnly issuedOn, DateOnly newDueOn) =>
        this with { Overdue = OverdueStage.Supervised, SupervisedOn = issuedOn, StatutoryDueOn = Statutory, DueOn = newDueOn };

    public DisbursementStep Summon() => this with { Overdue = OverdueStage.Summoned };

    /// <summary>Records the payment; checked first with <see cref="PaymentCheck"/>, so a bad one never gets here.</summary>
    public DisbursementStep Pay(decimal amount, DateOnly paidOn, string paidBy, string? voucherId) =>
        PaymentCheck.Problem(amount, Amount) is { } problem ? throw new InvalidOperationException(problem)
            : this with { PaidAmount = amount, PaidOn = paidOn, PaidBy = paidBy, VoucherId = voucherId };

    /// <summary>The instant the deadline in force has passed (the next day's start in Beijing), as <see cref="SupervisionPolicy"/> reads it.</summary>
    public DateTimeOffset OverdueAt => SupervisionPolicy.OverdueAt(DueOn);
}
