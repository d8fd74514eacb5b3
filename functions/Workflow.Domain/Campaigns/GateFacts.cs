using Workflow.Domain.Rectification;

namespace Workflow.Domain.Campaigns;

/// <summary>What the gates are checked against: the rectification items still open and how many findings each source has.</summary>
public sealed record GateFacts(IReadOnlyList<OpenRectificationItem> Unclosed, IReadOnlyDictionary<FindingSource, int> Findings);

/// <summary>An item of the 整改台账 that is not yet verified and closed (销号), as a blocking gate names it.</summary>
/// <param name="SourceLabel">The county's own source's name (e.g. 暗访督战) when <paramref name="Source"/> is CountyDefined, else null.</param>
public sealed record OpenRectificationItem(string ItemId, FindingSource Source, string Description, string ResponsibleUnit, DateOnly Deadline, string Status, string? SourceLabel = null)
{
    /// <summary>The source as the county names it: a county-defined source by its own name, not 本县增设来源.</summary>
    public string SourceName => FindingSourceChoices.NameOf(Source, SourceLabel);
}
