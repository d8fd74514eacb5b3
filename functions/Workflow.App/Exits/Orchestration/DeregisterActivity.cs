using System.Globalization;
using Workflow.Domain.Calendar;
using Workflow.Domain.Exits;
using Microsoft.DurableTask;
using Workflow.App.Register;

namespace Workflow.App.Exits.Orchestration;

/// <summary>
/// 销号: the household becomes 已脱贫享受政策 on the register with what the case decided on — the exit year is the year
/// of the standard the case applied (not the year of the click), and the income and indicators are the ones verified
/// at the household visit — with the exit date and the case that decided it.
/// </summary>
public sealed class DeregisterActivity(ExitCaseStore cases, RegisterStore register, TimeProvider time) : TaskActivity<CloseInput, bool>
{
    /// <summary>The household indicator the verified 人均纯收入 is (the standards' code for it).</summary>
    private const string IncomeIndicator = "income";

    public override async Task<bool> RunAsync(TaskActivityContext context, CloseInput input)
    {
        var token = CancellationToken.None;
        var at = time.GetUtcNow();
        var exitCase = (await cases.ReadRequiredAsync(input.CaseId, token).ConfigureAwait(false)).Case;
        var exitDate = ShanghaiTime.DateOf(at);
        var record = new ExitRecord(input.CaseId, exitDate, null)
        {
            StandardYear = exitCase.Year,
            VerifiedPerCapitaNetIncome = VerifiedIncomeOf(exitCase),
            Indicators = [.. exitCase.Indicators.Select(i => new VerifiedIndicator(i.Name, i.Value, i.Threshold, i.Passed))],
        };
        await register.RecordExitAsync(exitCase.CountyCode, exitCase.HouseholdNumber, record, token).ConfigureAwait(false);
        var income = record.VerifiedPerCapitaNetIncome is { } verified ? string.Create(CultureInfo.InvariantCulture, $"，核查人均纯收入 {verified} 元") : string.Empty;
        await cases.AppendTimelineAsync(input.CaseId, new TimelineEntry(input.Sequence, at, TimelineKinds.Deregistered, ExitProcedure.Deregistration,
            $"已销号：户状态改为“已脱贫享受政策”，脱贫年度 {record.ExitYear}（{exitCase.Year} 年度标准）{income}，退出日期 {exitDate:yyyy-MM-dd}。"), token).ConfigureAwait(false);
        return true;
    }

    // The case keeps each indicator's value as shown, and a number is shown in invariant digits (Measurement.ToString).
    private static decimal? VerifiedIncomeOf(ExitCase exitCase) =>
        exitCase.Indicators.FirstOrDefault(i => i.Code == IncomeIndicator) is { } income
        && decimal.TryParse(income.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
