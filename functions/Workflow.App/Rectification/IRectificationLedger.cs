using Workflow.Domain.Rectification;

namespace Workflow.App.Rectification;

/// <summary>
/// What the campaign asks of the rectification ledger (整改台账) when the county advances a phase: its gates need the
/// items not yet closed (销号) and whether a source's findings have been entered.
/// </summary>
public interface IRectificationLedger
{
    /// <summary>The county's items for the campaign year that are not verified and closed, oldest deadline first.</summary>
    Task<IReadOnlyList<UnclosedRectification>> ListUnclosedAsync(string countyCode, int year, CancellationToken cancellationToken);

    /// <summary>How many findings from <paramref name="source"/> the county has entered for the year.</summary>
    Task<int> CountFindingsAsync(string countyCode, int year, FindingSource source, CancellationToken cancellationToken);
}

/// <summary>One item a gate lists as blocking: enough to name it and its owner on the console.</summary>
/// <param name="SourceLabel">The name of a county's own source (Source is CountyDefined), else null.</param>
public sealed record UnclosedRectification(string ItemId, FindingSource Source, string Description, string ResponsibleUnit, DateOnly Deadline, string Status, string? SourceLabel = null);
