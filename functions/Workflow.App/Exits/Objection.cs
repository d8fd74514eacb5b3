namespace Workflow.App.Exits;

/// <summary>异议 — filed by anyone during the notice, without signing in.</summary>
public sealed record Objection(string ObjectionId, string CaseId, string Contact, string Reason, DateTimeOffset FiledAt, string? ClientIp);
