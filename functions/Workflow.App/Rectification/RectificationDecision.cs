namespace Workflow.App.Rectification;

/// <summary>
/// What someone did through an item's link: the unit submitted its rectification, or the county verified it or sent
/// it back. Kept with the link's redemption before it is raised to the item's orchestration, so a crash between the
/// two loses nothing (<see cref="RectificationIntake"/> raises it again).
/// </summary>
/// <param name="Comment">The unit's account of what was done, or the county's remark; the reason, for a send-back.</param>
public sealed record RectificationDecision(
    string ItemId,
    string Step,
    RectificationVerdict Verdict,
    string? Comment,
    string Actor,
    string Role,
    DateTimeOffset DecidedAt,
    string LinkId,
    string? ClientIp,
    string? UserAgent);

public enum RectificationVerdict
{
    /// <summary>整改完成，提交佐证材料.</summary>
    Submitted,

    /// <summary>核验通过，销号.</summary>
    Verified,

    /// <summary>退回重新整改.</summary>
    SentBack,
}
