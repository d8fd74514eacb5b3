namespace Workflow.App.Projects;

/// <summary>
/// The times of the step a project waits on, as its workflow set them, for pages: the deadline (逾期时间), the end of a
/// notice's period (null while an objection pauses it), the objection review under way and whether a 督办 went out.
/// Bound to the round they were set in, so a write of an earlier round is never shown for a later one.
/// </summary>
public sealed record ProjectStepTimes(int Round, DateTimeOffset? OverdueAt, DateTimeOffset? NoticeEndsAt, int? Review, bool Escalated);
