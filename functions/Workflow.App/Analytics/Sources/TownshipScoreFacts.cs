using System.Globalization;
using System.Runtime.CompilerServices;
using Workflow.Domain.Calendar;
using Workflow.Domain.Register;
using Workflow.Domain.Scoring;
using Workflow.App.Exits;
using Workflow.App.Register;
using Workflow.App.Rectification;

namespace Workflow.App.Analytics.Sources;

/// <summary>
/// FactTownshipScore: 乡镇季度考核 (002), each township's measures, weighted total, rank and flag per quarter by the
/// county's <see cref="TownshipScoring"/>, from the sources of the other facts: exit cases (FactExitCase,
/// FactExitStep), the ledger (FactRectificationItem) and the register (FactIndicatorResult's incidence). A quarter
/// is measured as of its last day, or the export date while it runs; its years are those of the county's ledger and
/// exit cases. Exits and steps count for their case's year (禄丰's 冬季决战 runs into January: its exits are the
/// year's). Dated facts are taken as they stood on that day: an exit counts once its case ended, a household is poor
/// until its approved case ended, an item is overdue when its 整改时限 had passed and it was not closed by then.
/// </summary>
public sealed class TownshipScoreFacts(RegisterStore register, RectificationStore ledger) : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "FactTownshipScore",
        ExportTableKind.Fact,
        "one row per township and quarter (乡镇季度考核), from the first quarter of each year with ledger items or exit cases to the export date's",
        "county code|year: a refresh reads one county's year",
        [
            new("ScoreKey", ColumnType.String, "county|year|quarter|township code"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("TownshipKey", ColumnType.String, "DimTownship"),
            new("Year", ColumnType.Int, "the year"),
            new("Quarter", ColumnType.Int, "1–4"),
            new("AsOfDate", ColumnType.Date, "DimDate: the quarter's last day, or the export date while the quarter runs"),
            new("ExitsApproved", ColumnType.Int, "the year's exit cases approved (已退出) by the date"),
            new("ExitTarget", ColumnType.Int, "households to exit in the year: those not exited on the register and those that exited in the year"),
            new("ExitProgressScore", ColumnType.Decimal, "0–100: exits vs target"),
            new("RectificationsDue", ColumnType.Int, "the year's rectification items in the township whose 整改时限 had passed by the date"),
            new("RectificationsOverdue", ColumnType.Int, "among them, items not closed by the date"),
            new("RectificationScore", ColumnType.Decimal, "0–100: share of the items due that were not overdue"),
            new("PovertyIncidence", ColumnType.Decimal, "贫困发生率 %, over the registered people, on the date"),
            new("IncidenceScore", ColumnType.Decimal, "0–100: 100 minus the incidence"),
            new("StepsEntered", ColumnType.Int, "exit steps the township's cases of the year entered by the date"),
            new("StepsEscalated", ColumnType.Int, "among them, steps escalated past their deadline (督办)"),
            new("ExitStepScore", ColumnType.Decimal, "0–100: share of the steps not escalated"),
            new("WeightedScore", ColumnType.Decimal, "the weighted total, 0–100, by the county's scoring weights"),
            new("StandardLine", ColumnType.Decimal, "奖惩标准线: red flags need at least this, yellow flags less"),
            new("Rank", ColumnType.Int, "1 for the best; equal totals share a rank"),
            new("Flag", ColumnType.String, "the quarter's outcome by the county's rule: 洮南 (002) 红旗 or 黄旗; 禄丰 (004) 加分 or 扣分 list; else 无"),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var today = ShanghaiTime.DateOf(scope.Now);
        foreach (var county in scope.Counties)
        {
            var histories = await scope.ExitHistoriesAsync(county.Code, cancellationToken).ConfigureAwait(false);
            var items = new List<LedgerEntry>();
            await foreach (var item in ledger.ReadCountyAsync(county.Code, cancellationToken).ConfigureAwait(false))
            {
                items.Add(item);
            }

            var households = new List<RegisteredHousehold>();
            foreach (var township in county.Townships)
            {
                await foreach (var registered in register.ReadTownshipAsync(county.Code, township.Code, cancellationToken).ConfigureAwait(false))
                {
                    households.Add(registered);
                }
            }

            var scoring = TownshipScoring.For(county.Code);
            var facts = new CountyFacts(histories, items, households);
            var years = items.Select(i => i.Year).Concat(histories.Select(h => h.Case.Year)).Where(y => y <= today.Year).Distinct().Order();
            foreach (var year in years)
            {
                var partition = RectificationItemFacts.Partition(county.Code, year);
                for (var quarter = 1; quarter <= 4 && new DateOnly(year, (quarter * 3) - 2, 1) <= today; quarter++)
                {
                    var end = new DateOnly(year, quarter * 3, 1).AddMonths(1).AddDays(-1);
                    var asOf = end < today ? end : today;
                    var measures = county.Townships.ToDictionary(t => t.Code, t => facts.Measure(t.Code, year, asOf), StringComparer.Ordinal);
                    foreach (var place in TownshipRanking.Rank(measures.Select(m => (m.Key, scoring.Total(m.Value))), scoring).OrderBy(p => p.TownshipCode, StringComparer.Ordinal))
                    {
                        var m = measures[place.TownshipCode];
                        var rowKey = string.Create(CultureInfo.InvariantCulture, $"{year}|{quarter}|{place.TownshipCode}");
                        yield return new ExportRow(partition, rowKey,
                        [
                            ExportScope.Partition(county.Code, rowKey), county.Code, ExportScope.Partition(county.Code, place.TownshipCode), year, quarter, asOf,
                            m.ExitsApproved, m.ExitTarget, m.ExitProgressScore, m.RectificationsDue, m.RectificationsOverdue, m.RectificationScore,
                            m.Incidence, m.IncidenceScore, m.StepsEntered, m.StepsEscalated, m.ExitStepScore, place.Total, scoring.StandardLine, place.Rank,
                            ChineseTerms.Of(place.Outcome),
                        ]);
                    }
                }
            }
        }
    }

    /// <summary>One county's dated facts, measured per township, year and day.</summary>
    private sealed class CountyFacts(IReadOnlyList<ExitCaseHistory> histories, List<LedgerEntry> items, List<RegisteredHousehold> households)
    {
        private readonly ILookup<string, ExitCaseHistory> _cases = histories.ToLookup(h => h.Case.TownshipCode, StringComparer.Ordinal);
        private readonly ILookup<string?, LedgerEntry> _items = items.ToLookup(i => i.TownshipCode, StringComparer.Ordinal);
        private readonly ILookup<string, RegisteredHousehold> _households = households.ToLookup(h => h.TownshipCode, StringComparer.Ordinal);

        public TownshipMeasures Measure(string township, int year, DateOnly asOf)
        {
            var approved = _cases[township].Where(h => h.Case.Status == ExitCaseStatus.Approved && h.Case.EndedAt is not null)
                .Select(h => (h.Case.HouseholdNumber, h.Case.Year, Ended: ShanghaiTime.DateOf(h.Case.EndedAt!.Value))).ToList();
            var approvedAt = approved.ToDictionary(a => a.HouseholdNumber, a => a.Ended, StringComparer.Ordinal);
            var exits = approved.Count(a => a.Year == year && a.Ended <= asOf);
            var registered = _households[township].Select(h => h.Household).ToList();
            var target = registered.Count(h => h.Status == PovertyStatus.NotExited || h.ExitYear == year);
            var poor = registered.Where(h => h.Status == PovertyStatus.NotExited || (approvedAt.TryGetValue(h.Number, out var d) && d > asOf)).Sum(h => h.Size);
            var due = _items[township].Where(i => i.Year == year && i.DueDate < asOf).ToList();
            var overdue = due.Count(i => i.ClosedAt is not { } closed || ShanghaiTime.DateOf(closed) > asOf);
            var steps = _cases[township].Where(h => h.Case.Year == year).SelectMany(ExitStepOccurrence.Of).Where(s => ShanghaiTime.DateOf(s.EnteredAt) <= asOf).ToList();
            return new TownshipMeasures(exits, target, due.Count, overdue, poor, registered.Sum(h => h.Size), steps.Count, steps.Count(s => s.Escalated));
        }
    }
}
