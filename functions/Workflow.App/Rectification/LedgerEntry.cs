using Workflow.Domain.Rectification;

namespace Workflow.App.Rectification;

/// <summary>
/// 台账条目 as the analytics export reads it: what an item is and where it stands, without its free text (问题描述,
/// 退回理由) or who entered it, which the export must not carry.
/// </summary>
/// <param name="DueDate">The finding's 整改时限, which 逾期 is measured against.</param>
/// <param name="Deadline">The deadline in force: the 督办单's once supervised.</param>
/// <param name="SourceLabel">The name of a county's own source (Source is CountyDefined), else null.</param>
public sealed record LedgerEntry(
    string ItemId,
    string CountyCode,
    int Year,
    FindingSource Source,
    string Category,
    string ResponsibleUnit,
    string? TownshipCode,
    RectificationStatus Status,
    int Round,
    DateOnly DueDate,
    DateOnly Deadline,
    OverdueStage Stage,
    DateTimeOffset EnteredAt,
    DateTimeOffset? ClosedAt,
    string? SourceLabel = null)
{
    /// <summary>The source's Chinese name: the county's own name for a county-defined source.</summary>
    public string SourceName => FindingSourceChoices.NameOf(Source, SourceLabel);

    public bool IsOverdue(DateOnly today) => RectificationItem.IsOverdue(Status, DueDate, today);
}
