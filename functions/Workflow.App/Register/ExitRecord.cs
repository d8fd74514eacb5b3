namespace Workflow.App.Register;

/// <summary>What an ended exit case writes on the household's register row: the exit date when approved, the reason when not.</summary>
public sealed record ExitRecord(string CaseId, DateOnly? ExitDate, string? RejectedReason);
