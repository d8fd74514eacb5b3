namespace Workflow.App.Audit;

/// <summary>One decision or override as it is kept for inspection: who did what to which step, when, and through which link.</summary>
public sealed record AuditEntry(
    string Subject,
    string Step,
    string Action,
    string Actor,
    string Role,
    string? Comment,
    DateTimeOffset At,
    string? LinkId = null,
    string? ClientIp = null,
    string? UserAgent = null);
