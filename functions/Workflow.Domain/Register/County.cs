namespace Workflow.Domain.Register;

/// <summary>县 / 市 / 区 — the unit that runs the campaign and keeps the register.</summary>
public sealed record County(string Code, string Name, IReadOnlyList<Township> Townships)
{
    public IEnumerable<Village> Villages => Townships.SelectMany(t => t.Villages);

    public IEnumerable<Household> Households => Townships.SelectMany(t => t.Households);
}
