namespace Workflow.Functions.Evidence;

/// <summary>An upload that is not stored, with the zh-CN reason shown to the uploader.</summary>
public sealed class EvidenceRejectedException(string reason) : Exception(reason);
