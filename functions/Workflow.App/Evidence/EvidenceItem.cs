namespace Workflow.App.Evidence;

/// <summary>One stored piece of evidence: what it is, who gave it for which step, and its content hash.</summary>
public sealed record EvidenceItem(
    string Subject,
    string EvidenceId,
    string Step,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    string UploadedBy,
    DateTimeOffset UploadedAt);
