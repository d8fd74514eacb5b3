namespace Workflow.Domain.Calendar;

/// <summary>放假 — consecutive days off for a festival, both ends included.</summary>
public sealed record HolidayBreak(string Name, DateOnly From, DateOnly To);
