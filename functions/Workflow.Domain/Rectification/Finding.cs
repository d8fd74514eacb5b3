namespace Workflow.Domain.Rectification;

/// <summary>
/// 反馈问题 — one problem an inspection reported, as the county enters it: who found it, what kind of problem, what
/// exactly, which unit (责任单位) must fix it, in which township if it is local, and by when (整改时限).
/// </summary>
/// <param name="TownshipCode">Null for a county-wide finding.</param>
public sealed record Finding(
    FindingSource Source,
    string Category,
    string Description,
    string ResponsibleUnit,
    string? TownshipCode,
    string? Township,
    DateOnly Deadline);
