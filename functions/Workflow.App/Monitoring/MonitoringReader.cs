using Workflow.Domain.Monitoring;
using Workflow.Domain.Register;

namespace Workflow.App.Monitoring;

/// <summary>
/// What the county sees of monitoring: a month's round per township, the quarter's 排查 summary per township, and each
/// 帮扶责任人's checks not filed (for the cadre view: <see cref="MissedChecksByCadreAsync"/>).
/// </summary>
public sealed class MonitoringReader(MonitoringCheckStore checks)
{
    public async Task<MonthSummary> MonthAsync(string countyCode, MonitoringMonth month, CancellationToken cancellationToken)
    {
        var entries = await checks.ReadRoundAsync(countyCode, month, cancellationToken).ConfigureAwait(false);
        var townships = entries.GroupBy(e => (e.Household.TownshipCode, e.Household.Township))
            .OrderBy(g => g.Key.TownshipCode, StringComparer.Ordinal)
            .Select(g => Line(g.Key.TownshipCode, g.Key.Township, g))
            .ToList();
        return new MonthSummary(month, townships, Line(null!, "合计", entries), entries);

        static TownshipMonth Line(string code, string name, IEnumerable<RoundEntry> rows)
        {
            var list = rows.ToList();
            return new TownshipMonth(code, name, list.Count, list.Count(e => e.Checked), list.Count(e => e.Alerts));
        }
    }

    public async Task<QuarterSummary> QuarterAsync(string countyCode, int year, int quarter, CancellationToken cancellationToken)
    {
        var months = MonitoringMonth.OfQuarter(year, quarter);
        var rounds = new List<(MonitoringMonth Month, RoundEntry Entry)>();
        foreach (var month in months)
        {
            rounds.AddRange((await checks.ReadRoundAsync(countyCode, month, cancellationToken).ConfigureAwait(false)).Select(e => (month, e)));
        }

        var townships = rounds.GroupBy(r => r.Entry.Household.TownshipCode, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Line(g.Key, g.First().Entry.Household.Township, g.ToList(), months.Count))
            .ToList();
        return new QuarterSummary(year, quarter, townships, Line(string.Empty, "合计", rounds, months.Count));

        static TownshipQuarter Line(string code, string name, IReadOnlyList<(MonitoringMonth Month, RoundEntry Entry)> rows, int monthCount)
        {
            var filed = rows.Where(r => r.Entry.Checked).ToList();
            var households = rows.Select(r => r.Entry.Household.Number).Distinct(StringComparer.Ordinal).Count();
            var everyMonth = filed.GroupBy(r => r.Entry.Household.Number, StringComparer.Ordinal).Count(g => g.Select(r => r.Month).Distinct().Count() == monthCount);
            var byReason = QuarterSummary.Reasons.ToDictionary(r => r.Code, r => filed.Count(f => f.Entry.FailedCodes.Contains(r.Code)), StringComparer.Ordinal);
            var byRisk = QuarterSummary.Risks.ToDictionary(k => k, k => filed.Count(f => f.Entry.Check!.Risks.Kinds.Contains(k)));
            return new TownshipQuarter(code, name, households, everyMonth, filed.Count, filed.Count(f => f.Entry.Alerts), byReason, byRisk,
                filed.Sum(f => f.Entry.Check!.Risks.MembersDied));
        }
    }

    /// <summary>
    /// Each 帮扶责任人 with a check not filed in any of <paramref name="months"/> (this month: not filed yet; an ended
    /// month: missed), cadres by township and name; a cadre with none is not listed. For the cadre view: pass this month,
    /// or the quarter's months (<see cref="MonitoringMonth.OfQuarter"/>).
    /// </summary>
    public async Task<IReadOnlyList<CadreMissedChecks>> MissedChecksByCadreAsync(string countyCode, IReadOnlyList<MonitoringMonth> months, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(months);
        var missed = new List<(Cadre Cadre, MonitoringMonth Month, MonitoredHousehold Household)>();
        foreach (var month in months)
        {
            missed.AddRange((await checks.ReadRoundAsync(countyCode, month, cancellationToken).ConfigureAwait(false))
                .Where(e => !e.Checked)
                .Select(e => (new Cadre(e.Household.Township, e.Household.Cadre), month, e.Household)));
        }

        return [.. missed.GroupBy(m => m.Cadre)
            .OrderBy(g => g.Key.Township, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal)
            .Select(g => new CadreMissedChecks(g.Key, [.. g.Select(m => (m.Month, m.Household.Number, m.Household.HeadName))]))];
    }
}
