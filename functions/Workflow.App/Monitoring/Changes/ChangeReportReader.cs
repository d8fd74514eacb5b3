using System.Globalization;
using Workflow.App.Register;
using Workflow.Domain.Entries;
using Workflow.Domain.Monitoring;

namespace Workflow.App.Monitoring.Changes;

/// <summary>
/// Reads a month's changes from where they are kept: 新识别 and 返贫 from the register's entry records (挂号日期 in the
/// month), 脱贫退出 from its exit records (销号日期 in the month), and deaths from the month's monitoring checks
/// (members who died, with the check's note). Nothing is copied: the report always says what the register says now.
/// </summary>
public sealed class ChangeReportReader(CountyDirectory directory, RegisterStore register, MonitoringCheckStore checks)
{
    /// <summary>The county's report for the month, or only <paramref name="townshipCode"/>'s; null for a county not registered here.</summary>
    public async Task<ChangeReport?> ReadAsync(string countyCode, MonitoringMonth month, string? townshipCode, CancellationToken cancellationToken)
    {
        var places = await directory.FindPlacesAsync(countyCode, cancellationToken).ConfigureAwait(false);
        if (places is null)
        {
            return null;
        }

        var round = await checks.ReadRoundAsync(countyCode, month, cancellationToken).ConfigureAwait(false);
        var townships = new List<TownshipChanges>();
        foreach (var township in places.Townships.Where(t => townshipCode is null || t.Code == townshipCode).OrderBy(t => t.Code, StringComparer.Ordinal))
        {
            var lines = new List<ChangeLine>();
            await foreach (var registered in register.ReadTownshipAsync(countyCode, township.Code, cancellationToken).ConfigureAwait(false))
            {
                lines.AddRange(ChangesOf(registered).Where(line => MonitoringMonth.Of(line.Date) == month));
            }

            lines.AddRange(round.Where(e => e.Household.TownshipCode == township.Code && e.Check is { Risks.MembersDied: > 0 }).Select(DeathOf));
            townships.Add(new TownshipChanges(township.Code, township.Name,
                [.. lines.OrderBy(l => l.Kind).ThenBy(l => l.Date).ThenBy(l => l.HouseholdNumber, StringComparer.Ordinal)]));
        }

        return new ChangeReport(countyCode, places.Name, month, townships);
    }

    /// <summary>
    /// The changes the register records of a household, in any month: its latest entry (挂号) and its latest exit (销号).
    /// The Power BI fact of monthly changes reads them here too, so the report and the fact count alike.
    /// </summary>
    public static IEnumerable<ChangeLine> ChangesOf(RegisteredHousehold registered)
    {
        ArgumentNullException.ThrowIfNull(registered);
        var household = registered.Household;
        if (registered.Entry is { } entry)
        {
            yield return new ChangeLine(entry.Kind == EntryKind.Relapse ? ChangeKind.Relapse : ChangeKind.NewEntry, registered.TownshipCode, registered.Township,
                registered.VillageCode, registered.Village, household.Number, household.Head.Name, household.Size, entry.CaseId, entry.EntryDate, entry.Reason);
        }

        if (registered.Exit is { ExitDate: { } exitDate } exit)
        {
            var reason = exit.StandardYear is { } year
                ? string.Create(CultureInfo.InvariantCulture, $"达到{year}年脱贫标准，审定退出，已销号")
                : "审定退出，已销号";
            if (exit.VerifiedPerCapitaNetIncome is { } income)
            {
                reason += string.Create(CultureInfo.InvariantCulture, $"（核实人均纯收入 {income:0.##} 元）");
            }

            yield return new ChangeLine(ChangeKind.Exit, registered.TownshipCode, registered.Township, registered.VillageCode, registered.Village, household.Number, household.Head.Name,
                household.Size, exit.CaseId, exitDate, reason);
        }
    }

    /// <summary>The death a monthly check reports (members who died, with the cadre's note).</summary>
    public static ChangeLine DeathOf(RoundEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var check = entry.Check!;
        var died = check.Risks.MembersDied;
        var note = string.IsNullOrWhiteSpace(check.Risks.Other) ? string.Empty : $"：{check.Risks.Other.Trim()}";
        var household = entry.Household;
        return new ChangeLine(ChangeKind.Death, household.TownshipCode, household.Township, household.VillageCode, household.Village, household.Number, household.HeadName, died, null,
            check.CheckedOn, string.Create(CultureInfo.InvariantCulture, $"家庭成员死亡 {died} 人{note}（{check.Month}监测，监测人 {check.CheckedBy}）"));
    }
}
