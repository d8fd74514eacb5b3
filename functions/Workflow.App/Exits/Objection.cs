namespace Workflow.App.Exits;

/// <summary>异议 — filed by anyone during the notice, without signing in.</summary>
/// <param name="Review">The review round (objection-review-{n}) that decides it; null until the case has taken it.</param>
public sealed record Objection(string ObjectionId, string CaseId, string Contact, string Reason, DateTimeOffset FiledAt, string? ClientIp, string? Review = null);
