namespace Workflow.Domain.Register;

/// <summary>行政村; <see cref="IsPoorVillage"/> marks a 贫困村 that has its own exit (出列) standard.</summary>
public sealed record Village(string Code, string Name, bool IsPoorVillage, IReadOnlyList<Household> Households);
