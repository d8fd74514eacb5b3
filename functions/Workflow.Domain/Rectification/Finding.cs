using Workflow.Domain.Register;

namespace Workflow.Domain.Rectification;

/// <summary>
/// 反馈问题 — one problem an inspection reported, as the county enters it: who found it, what kind of problem, what
/// exactly, which unit (责任单位) must fix it, in which township if it is local, and by when (整改时限).
/// </summary>
/// <param name="TownshipCode">Null for a county-wide finding.</param>
/// <param name="SourceLabel">
/// The name of a county's own source when <paramref name="Source"/> is <see cref="FindingSource.CountyDefined"/>, else null.
/// The name is stored, not an index into the county's list, so a row still reads the same after the list changes.
/// </param>
public sealed record Finding(
    FindingSource Source,
    string Category,
    string Description,
    string ResponsibleUnit,
    string? TownshipCode,
    string? Township,
    DateOnly Deadline,
    string? SourceLabel = null)
{
    /// <summary>The source as pages, notices and the export show it.</summary>
    public string SourceName => FindingSourceChoices.NameOf(Source, SourceLabel);
}
