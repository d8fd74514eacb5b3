namespace Workflow.App.Links;

/// <summary>
/// What a capability URL grants: one holder may act once on one step of one subject (a case, a
/// rectification item) until it expires. The URL carries this, signed; nothing else is needed to act.
/// </summary>
public sealed record CapabilityLink(
    string LinkId,
    string Purpose,
    string Subject,
    string Step,
    string Holder,
    DateTimeOffset ExpiresAt);
