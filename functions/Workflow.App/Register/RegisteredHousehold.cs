using Workflow.Domain.Register;

namespace Workflow.App.Register;

/// <summary>A household on the register with the township and village it belongs to, by code and by name.</summary>
/// <param name="Exit">The exit case that deregistered it (销号), when one did; households imported as exited have none.</param>
/// <param name="Entry">The entry case (新识别, 返贫) that last registered it (挂号), when one did.</param>
public sealed record RegisteredHousehold(
    string TownshipCode, string Township, string VillageCode, string Village, Household Household, ExitRecord? Exit = null, EntryRecord? Entry = null)
{
    /// <summary>
    /// 人均纯收入 as counts take it (<see cref="Register.LatestIncome"/>): the exit's verified figure while the household
    /// stands exited by it (a 返贫 clears its 脱贫年度, and with it that figure's claim), else the imported one.
    /// </summary>
    public (int Year, decimal PerCapitaNetIncome) LatestIncome =>
        Register.LatestIncome.Of(Household.Income.Year, Household.Income.PerCapitaNetIncome, Household.ExitYear, Exit?.VerifiedPerCapitaNetIncome);
}
