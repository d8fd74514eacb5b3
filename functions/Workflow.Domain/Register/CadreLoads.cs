namespace Workflow.Domain.Register;

/// <summary>
/// The households each 帮扶责任人 of a county holds while an import is decided: those already on the register plus those
/// the file gives them, in file order, so the household that would be one too many is refused and the others are kept.
/// </summary>
/// <remarks>
/// A household the register already has with the same cadre is never refused: it adds nothing to the load, and
/// refusing it would hold back its other facts (income, status) for a load that predates the rule. The console
/// flags such cadres instead.
/// </remarks>
public sealed class CadreLoads
{
    private readonly CadreLimit _limit;
    private readonly Dictionary<Cadre, SortedSet<string>> _held = [];

    /// <param name="limit">The county's limit.</param>
    /// <param name="registered">The cadre of each household on the register, by 户编号.</param>
    /// <param name="incoming">The households the file would import and their cadres: one the file moves to another cadre no longer counts for the old one.</param>
    public CadreLoads(CadreLimit limit, IReadOnlyDictionary<string, Cadre> registered, IEnumerable<(string Number, Cadre Cadre)> incoming)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(registered);
        ArgumentNullException.ThrowIfNull(incoming);
        _limit = limit;
        var moved = incoming.Where(h => registered.TryGetValue(h.Number, out var was) && was != h.Cadre).Select(h => h.Number).ToHashSet(StringComparer.Ordinal);
        foreach (var (number, cadre) in registered.Where(r => !moved.Contains(r.Key)))
        {
            HeldBy(cadre).Add(number);
        }
    }

    /// <summary>Gives the household to the cadre, or says in zh-CN why not: the cadre, the households they hold and the limit.</summary>
    public string? Assign(string householdNumber, Cadre cadre)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        var held = HeldBy(cadre);
        if (held.Contains(householdNumber))
        {
            return null;
        }

        if (held.Count >= _limit.MaxHouseholds)
        {
            return $"帮扶责任人{cadre}已帮扶{held.Count}户（户编号{string.Join("、", held)}），每人帮扶不超过{_limit.MaxHouseholds}户";
        }

        held.Add(householdNumber);
        return null;
    }

    private SortedSet<string> HeldBy(Cadre cadre)
    {
        if (!_held.TryGetValue(cadre, out var held))
        {
            held = new SortedSet<string>(StringComparer.Ordinal);
            _held.Add(cadre, held);
        }

        return held;
    }
}
