namespace Workflow.App.Evidence;

/// <summary>An upload that is not stored, with the zh-CN reason shown to the uploader.</summary>
public sealed class EvidenceRejectedException(string reason) : Exception(reason);
