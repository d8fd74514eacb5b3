using Workflow.Domain.Rectification;

namespace Workflow.Domain.Campaigns;

/// <summary>What the gates are checked against: the rectification items still open and how many findings each source has.</summary>
public sealed record GateFacts(IReadOnlyList<OpenRectificationItem> Unclosed, IReadOnlyDictionary<FindingSource, int> Findings);

/// <summary>An item of the 整改台账 that is not yet verified and closed (销号), as a blocking gate names it.</summary>
public sealed record OpenRectificationItem(string ItemId, FindingSource Source, string Description, string ResponsibleUnit, DateOnly Deadline, string Status);
