namespace Workflow.Domain.Calendar;

/// <summary>调休上班 — a Saturday or Sunday worked to lengthen the named festival's break.</summary>
public sealed record MakeUpWorkday(string Name, DateOnly Date);
