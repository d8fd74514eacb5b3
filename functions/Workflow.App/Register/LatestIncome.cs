namespace Workflow.App.Register;

/// <summary>
/// 人均纯收入 as the register now knows it. The row keeps the imported figure and, after an approved exit, the figure its
/// household visit verified (入户核查) beside it (<see cref="ExitRecord"/>). Counts take the verified one when it is of the
/// imported figure's year or later: it is what the exit was judged by. An older verified figure yields to a newer import.
/// </summary>
public static class LatestIncome
{
    public static (int Year, decimal PerCapitaNetIncome) Of(int importedYear, decimal imported, int? verifiedYear, decimal? verified) =>
        verified is { } income && verifiedYear is { } year && year >= importedYear ? (year, income) : (importedYear, imported);
}
