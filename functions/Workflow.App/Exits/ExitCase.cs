namespace Workflow.App.Exits;

/// <summary>
/// 退出案件 — one attempt of one household to exit, as the county lists and reads it. The orchestration that runs
/// the case keeps this row current; the row is what pages and queries read.
/// </summary>
/// <param name="CurrentStep">The step awaited now: a procedure step code, or objection-review-{n}; null once ended.</param>
/// <param name="HeadName">户主姓名 (names appear on the village notice; 身份证号 never leave the register).</param>
/// <param name="Kind">An exit, or an entry (新识别, 返贫) run on the same steps machinery.</param>
/// <param name="Mode">For an entry: 动态调整 (the annual window) or 即时纳入.</param>
/// <param name="Reason">For an entry: why the household is proposed (and for 即时纳入, the sudden hardship).</param>
public sealed record ExitCase(
    string CaseId,
    string CountyCode,
    string TownshipCode,
    string Township,
    string VillageCode,
    string Village,
    string HouseholdNumber,
    string HeadName,
    string MaskedHeadId,
    int Attempt,
    int Year,
    string ProcedureId,
    ExitCaseStatus Status,
    string? CurrentStep,
    DateTimeOffset? StepDueAt,
    bool Escalated,
    DateTimeOffset? NoticeEndsAt,
    IReadOnlyList<CaseIndicator> Indicators,
    DateTimeOffset StartedAt,
    string StartedBy,
    DateTimeOffset? EndedAt,
    string? Outcome,
    CaseKind Kind = CaseKind.Exit,
    Workflow.Domain.Entries.EntryMode? Mode = null,
    string? Reason = null)
{
    /// <summary>Whether the awaited decision is past its due time.</summary>
    public bool IsOverdue(DateTimeOffset now) => ExitCaseStanding.Overdue(Status, StepDueAt, now);
}
