namespace Workflow.App.Campaigns;

/// <summary>A plan task once its phase has opened it: the row the campaign keeps (status comes from the plan, the reports and the time).</summary>
/// <param name="Index">Position in the plan's task list (0-based).</param>
public sealed record TrackedTask(string TaskId, int Index, string Number, string Title, string? PhaseKey, IReadOnlyList<string> LeadUnits, string Deadline, DateOnly OpenedOn);

/// <summary>进展报送 — what a lead unit reported on a task through its link.</summary>
/// <param name="DueKey">The due point the link was sent for (its step).</param>
public sealed record TaskReport(string TaskId, string ReportId, string Unit, string Reporter, string Progress, bool Completed, DateTimeOffset At, string DueKey);
