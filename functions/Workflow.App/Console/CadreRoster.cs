using Workflow.App.Register;
using Workflow.Domain.Register;

namespace Workflow.App.Console;

/// <summary>One 帮扶责任人 with the households they hold; <see cref="OverLimit"/> when they hold more than the county allows.</summary>
public sealed record CadreLine(Cadre Cadre, IReadOnlyList<CadreHousehold> Households, bool OverLimit);

/// <summary>
/// 帮扶责任人: every cadre of a county with their households, by township and name, against the county's
/// <see cref="CadreLimit"/>. Import refuses a household past the limit, but a register imported before the rule may
/// hold more: those cadres are flagged here so the office can reassign households.
/// </summary>
public sealed class CadreRoster
{
    private CadreRoster(CadreLimit limit, IReadOnlyList<CadreLine> cadres)
    {
        Limit = limit;
        Cadres = cadres;
    }

    public CadreLimit Limit { get; }

    public IReadOnlyList<CadreLine> Cadres { get; }

    public int OverLimitCount => Cadres.Count(c => c.OverLimit);

    public static CadreRoster Of(IEnumerable<CadreHousehold> households, CadreLimit limit)
    {
        ArgumentNullException.ThrowIfNull(households);
        ArgumentNullException.ThrowIfNull(limit);
        var cadres = households
            .GroupBy(h => h.Cadre)
            .OrderBy(g => g.Key.Township, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal)
            .Select(g => new CadreLine(g.Key, [.. g.OrderBy(h => h.Number, StringComparer.Ordinal)], g.Count() > limit.MaxHouseholds))
            .ToList();
        return new CadreRoster(limit, cadres);
    }
}
