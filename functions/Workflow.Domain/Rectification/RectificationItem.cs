namespace Workflow.Domain.Rectification;

/// <summary>
/// 整改事项 — one finding being rectified, and its lifecycle: 待整改 → 整改中 → 已提交 (with evidence) → 已销号, or from
/// 已提交 sent back (退回) with a reason to 整改中 for another round. Past its deadline an unsubmitted item is supervised
/// (督办单, new deadline), and past that one too, summoned (约谈). Each change returns a new item; a change the state
/// does not allow is an <see cref="IllegalTransitionException"/>.
/// </summary>
/// <param name="Round">1 for the first submission; each send-back starts the next round.</param>
/// <param name="Deadline">The deadline now in force: the finding's, or the 督办单's once supervised.</param>
/// <param name="SendBackReason">Why the county sent the last submission back, while the unit reworks it.</param>
public sealed record RectificationItem(
    string ItemId,
    string CountyCode,
    int Year,
    Finding Finding,
    RectificationStatus Status,
    int Round,
    DateOnly Deadline,
    OverdueStage Stage,
    string? SendBackReason,
    DateTimeOffset EnteredAt,
    string EnteredBy,
    DateTimeOffset? ClosedAt)
{
    public const int MaxReasonLength = 500;

    /// <summary>A new item for a finding, 待整改, due at the finding's deadline.</summary>
    public static RectificationItem Enter(string countyCode, int year, Finding finding, DateTimeOffset at, string enteredBy)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return new RectificationItem(RectificationItemId.For(countyCode, year, finding), countyCode, year, finding, RectificationStatus.Open, 1,
            finding.Deadline, OverdueStage.None, null, at, enteredBy, null);
    }

    /// <summary>The step awaited now: submit-{round} while the unit works, verify-{round} while the county checks; null once closed.</summary>
    public string? CurrentStep => Status switch
    {
        RectificationStatus.Open or RectificationStatus.InProgress => RectificationSteps.Submit(Round),
        RectificationStatus.Submitted => RectificationSteps.Verify(Round),
        _ => null,
    };

    /// <summary>
    /// 逾期: the unit has not submitted and <paramref name="today"/> (a Beijing date) is past the finding's 整改时限. A
    /// 督办单's new deadline does not make an item less overdue; <see cref="Stage"/> says how far it was escalated.
    /// </summary>
    public bool IsOverdue(DateOnly today) => IsOverdue(Status, Finding.Deadline, today);

    /// <summary>逾期 for an item known only by its status and 整改时限 (the analytics export reads no more).</summary>
    public static bool IsOverdue(RectificationStatus status, DateOnly findingDeadline, DateOnly today) => IsWith(status) && today > findingDeadline;

    private bool IsWithUnit => IsWith(Status);

    private static bool IsWith(RectificationStatus status) => status is RectificationStatus.Open or RectificationStatus.InProgress;

    public RectificationItem Assign() =>
        Status == RectificationStatus.Open ? this with { Status = RectificationStatus.InProgress } : throw Illegal(RectificationAction.Assign);

    public RectificationItem Submit() =>
        IsWithUnit ? this with { Status = RectificationStatus.Submitted, SendBackReason = null } : throw Illegal(RectificationAction.Submit);

    public RectificationItem Verify(DateTimeOffset at) =>
        Status == RectificationStatus.Submitted ? this with { Status = RectificationStatus.Closed, ClosedAt = at } : throw Illegal(RectificationAction.Verify);

    /// <exception cref="ArgumentException">No reason, or one longer than <see cref="MaxReasonLength"/>: a send-back must say why.</exception>
    public RectificationItem SendBack(string reason)
    {
        if (Status != RectificationStatus.Submitted)
        {
            throw Illegal(RectificationAction.SendBack);
        }

        var trimmed = reason?.Trim();
        if (trimmed is not { Length: > 0 and <= MaxReasonLength })
        {
            throw new ArgumentException($"A send-back needs a reason of 1 to {MaxReasonLength} characters.", nameof(reason));
        }

        return this with { Status = RectificationStatus.InProgress, Round = Round + 1, SendBackReason = trimmed };
    }

    /// <summary>督办: the first time the deadline passes with nothing submitted; the 督办单 sets <paramref name="newDeadline"/>.</summary>
    public RectificationItem Supervise(DateOnly newDeadline) =>
        IsWithUnit && Stage == OverdueStage.None && newDeadline > Deadline
            ? this with { Stage = OverdueStage.Supervised, Deadline = newDeadline }
            : throw Illegal(RectificationAction.Supervise);

    /// <summary>约谈: the 督办单's deadline passed too.</summary>
    public RectificationItem Summon() =>
        IsWithUnit && Stage == OverdueStage.Supervised ? this with { Stage = OverdueStage.Summoned } : throw Illegal(RectificationAction.Summon);

    private IllegalTransitionException Illegal(RectificationAction action) => new(ItemId, Status, Stage, action);
}

/// <summary>The step keys of an item's links: one submit and one verify per round, so a link of an earlier round never acts on a later one.</summary>
public static class RectificationSteps
{
    public static string Submit(int round) => $"submit-{round}";

    public static string Verify(int round) => $"verify-{round}";
}
