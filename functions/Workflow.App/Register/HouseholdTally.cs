using Workflow.Domain.Register;

namespace Workflow.App.Register;

/// <summary>What counting a household needs — where it is, its size, status, monitoring and income — without its members' names and 身份证号.</summary>
/// <param name="People">家庭人口数.</param>
/// <param name="PerCapitaNetIncome">The latest known 人均纯收入 of <paramref name="IncomeYear"/> (<see cref="LatestIncome"/>).</param>
public sealed record HouseholdTally(
    string VillageCode, int People, PovertyStatus Status, MonitoringCategory Monitoring, int IncomeYear, decimal PerCapitaNetIncome);
