namespace Workflow.App.Exits;

/// <summary>One of the seven household indicators as found when the case started: shown to every approver.</summary>
public sealed record CaseIndicator(string Code, string Name, string Value, string Threshold, bool Passed);
