namespace Workflow.Domain.Plans;

/// <summary>
/// The known problems a rectification task covers. A plan may count them without listing them (002: “6个方面、18个
/// 问题”), so the task carries the counts and the county enters the problems themselves as rectification items.
/// </summary>
public sealed record RectificationScope(int Problems, int Areas);
