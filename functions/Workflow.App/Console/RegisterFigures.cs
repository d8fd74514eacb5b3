using Workflow.Domain.Register;
using Workflow.Domain.Standards;
using Workflow.App.Register;

namespace Workflow.App.Console;

/// <summary>The register's counts for a village, a township or the county: households and people by status and monitoring.</summary>
/// <param name="IncomePeople">People in households whose income is of the dashboard's year.</param>
/// <param name="IncomeTotal">Their per-capita net incomes summed person by person, yuan.</param>
public sealed record RegisterFigures(
    int Households, int People, int NotExitedHouseholds, int NotExitedPeople, int ExitedHouseholds, int ExitedPeople,
    int MonitoredHouseholds, int EdgeHouseholds, int IncomePeople, decimal IncomeTotal)
{
    public static RegisterFigures None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0m);

    /// <summary>
    /// 贫困发生率 with the registered people as the denominator. The register holds only 建档立卡 households, not the
    /// whole rural population (农村户籍人口), and a smaller denominator can only raise the rate: this is an upper
    /// bound — below the threshold means the true rate is too, above it means the true rate is not known from here.
    /// With nobody still poor the rate is 0 whatever the denominator, which a place without households has not.
    /// </summary>
    public decimal IncidenceUpperBound => NotExitedPeople == 0 ? 0m : PovertyIncidence.Percent(NotExitedPeople, People);

    /// <summary>贫困人口年人均纯收入: registered people's per-capita net income of the year, person-weighted; null without incomes of that year.</summary>
    public decimal? PerCapitaIncome => IncomePeople == 0 ? null : IncomeTotal / IncomePeople;

    public RegisterFigures Add(HouseholdTally household, int incomeYear)
    {
        ArgumentNullException.ThrowIfNull(household);
        var notExited = household.Status == PovertyStatus.NotExited;
        var incomeCounts = household.IncomeYear == incomeYear;
        return new RegisterFigures(
            Households + 1,
            People + household.People,
            NotExitedHouseholds + (notExited ? 1 : 0),
            NotExitedPeople + (notExited ? household.People : 0),
            ExitedHouseholds + (notExited ? 0 : 1),
            ExitedPeople + (notExited ? 0 : household.People),
            MonitoredHouseholds + (household.Monitoring == MonitoringCategory.Monitored ? 1 : 0),
            EdgeHouseholds + (household.Monitoring == MonitoringCategory.Edge ? 1 : 0),
            IncomePeople + (incomeCounts ? household.People : 0),
            IncomeTotal + (incomeCounts ? household.PerCapitaNetIncome * household.People : 0m));
    }

    public static RegisterFigures operator +(RegisterFigures a, RegisterFigures b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new RegisterFigures(
            a.Households + b.Households, a.People + b.People, a.NotExitedHouseholds + b.NotExitedHouseholds, a.NotExitedPeople + b.NotExitedPeople,
            a.ExitedHouseholds + b.ExitedHouseholds, a.ExitedPeople + b.ExitedPeople, a.MonitoredHouseholds + b.MonitoredHouseholds,
            a.EdgeHouseholds + b.EdgeHouseholds, a.IncomePeople + b.IncomePeople, a.IncomeTotal + b.IncomeTotal);
    }
}
