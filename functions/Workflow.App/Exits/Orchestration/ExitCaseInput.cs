using Workflow.Domain.Exits;

namespace Workflow.App.Exits.Orchestration;

/// <summary>
/// What a case orchestration starts with. The procedure is copied in, so a county editing its procedure later
/// changes new cases only, and a running case replays against the procedure it started with.
/// </summary>
/// <param name="NoticePeriod">Replaces the procedure's notice days when set (Exits:NoticePeriod, for demos and benchmarks).</param>
public sealed record ExitCaseInput(string CaseId, ExitProcedure Procedure, TimeSpan? NoticePeriod = null);

/// <summary>How a case ended.</summary>
public sealed record ExitCaseResult(ExitCaseStatus Status, string Outcome);
