namespace Workflow.Domain.Plans;

/// <summary>方面 — a heading that groups tasks (002's eight areas, e.g. 组织推动), with the aim stated under it.</summary>
public sealed record PlanArea(string Name, string Aim);
