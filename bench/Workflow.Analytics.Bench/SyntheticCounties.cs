using System.Globalization;
using Workflow.Domain.Exits;
using Workflow.Domain.Register;
using Workflow.App.Analytics;
using Workflow.App.Analytics.Sources;

namespace Workflow.Analytics.Bench;

/// <summary>
/// Synthetic counties shaped like the register (10,000 households a county, 12 townships of 15 villages) and their
/// exit cases (one a household, seven steps each, entered over the 36 months of 2018–2020), as <see cref="ExportRow"/>s
/// of <see cref="HouseholdDimension"/> and <see cref="ExitStepFacts"/> in their real column shapes, partition by
/// partition as the sources produce them. Deterministic: every partition draws from a generator seeded by the seed and
/// the partition, so each pass yields the same rows. The household keys are the production pseudonyms, computed once.
/// </summary>
internal sealed class SyntheticCounties
{
    private const int HouseholdsPerCounty = 10_000;
    private const int TownshipsPerCounty = 12;
    private const int VillagesPerTownship = 15;
    private const int Months = 36;
    private const int StepsPerCase = 7;

    private static readonly string[] Causes = Enum.GetNames<PovertyCause>();
    private static readonly string[] Statuses = Enum.GetNames<PovertyStatus>();
    private static readonly string[] Monitoring = Enum.GetNames<MonitoringCategory>();
    private static readonly string[] StepCodes =
    [
        ExitProcedure.Appraisal, ExitProcedure.Verification, ExitProcedure.Consent, ExitProcedure.Notice,
        ExitProcedure.TownshipReview, ExitProcedure.CountyApproval, ExitProcedure.Deregistration,
    ];

    private static readonly string[] Roles = ["VillageCommittee", "WorkTeam", "VillageCommittee", "VillageCommittee", "TownshipGovernment", "CountyPovertyOffice", "CountyPovertyOffice"];
    private static readonly string[] Decisions = ["approve", "approve", "done", "passed", "approve", "approve", "done"];

    private readonly int _seed;
    private readonly string[] _countyCodes;
    private readonly int[] _households;
    private readonly string[][] _keys;

    public SyntheticCounties(int register, int steps, int seed, HouseholdPseudonyms pseudonyms)
    {
        Register = register;
        Steps = steps;
        _seed = seed;
        var counties = Math.Max(1, (register + HouseholdsPerCounty - 1) / HouseholdsPerCounty);
        _countyCodes = Enumerable.Range(0, counties).Select(c => (530101 + c).ToString(CultureInfo.InvariantCulture)).ToArray();
        _households = Enumerable.Range(0, counties).Select(c => Share(register, counties, c)).ToArray();
        _keys = Enumerable.Range(0, counties)
            .Select(c => Enumerable.Range(0, _households[c]).Select(h => pseudonyms.Of(_countyCodes[c], HouseholdNumber(c, h))).ToArray())
            .ToArray();
    }

    public int Register { get; }

    public int Steps { get; }

    /// <summary>DimHousehold rows, partition (county|township) by partition.</summary>
    public IEnumerable<ExportRow> Households()
    {
        for (var c = 0; c < _countyCodes.Length; c++)
        {
            var county = _countyCodes[c];
            for (var t = 0; t < TownshipsPerCounty; t++)
            {
                var random = new Random(PartitionSeed(1, c, t));
                var partition = ExportScope.Partition(county, TownshipCode(t));
                var (first, end) = TownshipRange(c, t);
                for (var h = first; h < end; h++)
                {
                    var key = _keys[c][h];
                    var status = Statuses[random.Next(Statuses.Length)];
                    int? exitYear = status == nameof(PovertyStatus.NotExited) ? null : 2016 + random.Next(5);
                    yield return new ExportRow(partition, key,
                    [
                        key, county, partition, ExportScope.Partition(county, VillageCode(c, h)), 1 + random.Next(7),
                        Causes[random.Next(Causes.Length)], status, exitYear, Monitoring[random.Next(Monitoring.Length)],
                        2020, decimal.Round((decimal)(1500 + (random.NextDouble() * 12000)), 2),
                    ]);
                }
            }
        }
    }

    /// <summary>FactExitStep rows, partition (county|month entered) by partition: the seven steps of each case.</summary>
    public IEnumerable<ExportRow> StepFacts()
    {
        var cases = (Steps + StepsPerCase - 1) / StepsPerCase;
        var emitted = 0;
        for (var c = 0; c < _countyCodes.Length; c++)
        {
            var county = _countyCodes[c];
            var countyCases = Share(cases, _countyCodes.Length, c);
            var caseIndex = 0;
            for (var m = 0; m < Months; m++)
            {
                var random = new Random(PartitionSeed(2, c, m));
                var month = new DateOnly(2018, 1, 1).AddMonths(m);
                var partition = ExportScope.Partition(county, month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
                var monthCases = Share(countyCases, Months, m);
                for (var k = 0; k < monthCases; k++, caseIndex++)
                {
                    var h = caseIndex % _households[c];
                    var householdKey = _keys[c][h];
                    var caseKey = $"{householdKey}-{1 + (caseIndex / _households[c])}";
                    var township = ExportScope.Partition(county, TownshipCode(TownshipOf(c, h)));
                    var village = ExportScope.Partition(county, VillageCode(c, h));

                    // China time: a case opens on one of the month's first days, each step a few days after the last.
                    var entered = month.ToDateTime(new TimeOnly(8 + random.Next(10), random.Next(60), random.Next(60))).AddDays(random.Next(5));
                    var pending = random.Next(10) == 0 ? 1 + random.Next(StepsPerCase) : StepsPerCase + 1;
                    for (var s = 0; s < StepsPerCase && emitted < Steps; s++, emitted++)
                    {
                        var days = 1 + random.Next(3);
                        var decided = entered.AddDays(days).AddMinutes(random.Next(600));
                        var open = s + 1 >= pending;
                        var key = $"{caseKey}-{(s + 1).ToString("D4", CultureInfo.InvariantCulture)}";
                        yield return new ExportRow(partition, key,
                        [
                            key, caseKey, householdKey, county, township, village, StepCodes[s], s + 1,
                            Utc(entered), DateOnly.FromDateTime(entered), open ? null : Utc(decided), open ? null : DateOnly.FromDateTime(decided),
                            open ? "pending" : Decisions[s], open ? null : Roles[s], open ? null : days, random.Next(4) == 0, random.Next(20) == 0,
                        ]);
                        entered = open ? entered : decided;
                    }
                }
            }
        }
    }

    // Not HashCode.Combine: it is seeded randomly per process, and the rows must be the same in every run.
    private int PartitionSeed(int table, int c, int part) => unchecked((((_seed * 31) + table) * 1_000_003) + (c * 1_009) + part);

    // The i-th of n even shares of total (the first ones take the remainder).
    private static int Share(int total, int n, int i) => (total / n) + (i < total % n ? 1 : 0);

    private static DateTimeOffset Utc(DateTime chinaTime) => new(chinaTime.AddHours(-8), TimeSpan.Zero);

    private static string TownshipCode(int t) => (t + 1).ToString("D3", CultureInfo.InvariantCulture);

    private (int First, int End) TownshipRange(int c, int t) =>
        ((int)((long)_households[c] * t / TownshipsPerCounty), (int)((long)_households[c] * (t + 1) / TownshipsPerCounty));

    // The estimate is never above the township and at most one below it (the ranges round down).
    private int TownshipOf(int c, int h)
    {
        var t = (int)((long)h * TownshipsPerCounty / _households[c]);
        return TownshipRange(c, t).End <= h ? t + 1 : t;
    }

    private string VillageCode(int c, int h) =>
        TownshipCode(TownshipOf(c, h)) + ((h % VillagesPerTownship) + 1).ToString("D3", CultureInfo.InvariantCulture);

    private string HouseholdNumber(int c, int h) => _countyCodes[c] + h.ToString("D6", CultureInfo.InvariantCulture);
}
