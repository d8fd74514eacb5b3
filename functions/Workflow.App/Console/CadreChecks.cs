using Workflow.App.Monitoring;
using Workflow.Domain.Monitoring;
using Workflow.Domain.Register;

namespace Workflow.App.Console;

/// <summary>
/// 漏报监测 — for the cadre view, the monthly checks each 帮扶责任人 has not filed: this month's (not filed yet) and the
/// quarter's so far (an ended month's are missed), by cadre and by household.
/// </summary>
public sealed class CadreChecks
{
    private readonly Dictionary<Cadre, CadreMissedChecks> _byCadre;

    private CadreChecks(MonitoringMonth month, Dictionary<Cadre, CadreMissedChecks> byCadre)
    {
        Month = month;
        _byCadre = byCadre;
    }

    /// <summary>This month.</summary>
    public MonitoringMonth Month { get; }

    public static CadreChecks Of(MonitoringMonth month, IReadOnlyList<CadreMissedChecks> missed)
    {
        ArgumentNullException.ThrowIfNull(missed);
        return new CadreChecks(month, missed.ToDictionary(m => m.Cadre));
    }

    /// <summary>The cadre's checks not filed this month.</summary>
    public int ThisMonth(Cadre cadre) => Of(cadre).Count(m => m.Month == Month);

    /// <summary>The cadre's checks not filed in the quarter so far (this month included).</summary>
    public int ThisQuarter(Cadre cadre) => Of(cadre).Count;

    /// <summary>The months of the quarter so far the household's check was not filed.</summary>
    public IReadOnlyList<MonitoringMonth> MonthsOf(Cadre cadre, string householdNumber) =>
        [.. Of(cadre).Where(m => m.HouseholdNumber == householdNumber).Select(m => m.Month).Order()];

    private IReadOnlyList<(MonitoringMonth Month, string HouseholdNumber, string HeadName)> Of(Cadre cadre) =>
        _byCadre.TryGetValue(cadre, out var missed) ? missed.Missed : [];
}
