namespace Workflow.Domain.Register;

/// <summary>乡 / 镇 / 街道.</summary>
public sealed record Township(string Code, string Name, IReadOnlyList<Village> Villages)
{
    public IEnumerable<Household> Households => Villages.SelectMany(v => v.Households);
}
