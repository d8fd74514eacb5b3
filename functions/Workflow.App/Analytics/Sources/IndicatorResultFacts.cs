using System.Globalization;
using System.Runtime.CompilerServices;
using Workflow.Domain.Register;
using Workflow.Domain.Standards;
using Workflow.App.Register;

namespace Workflow.App.Analytics.Sources;

/// <summary>
/// FactIndicatorResult: the county's rule set (Domain/Standards) applied to what the system knows, per period (the
/// register's income year): each household's income against the line, the seven indicators found when its exit case
/// started, and 贫困发生率 per village and township. Incidence is measured over the registered population (建档立卡
/// people, the only population the system holds): Numerator and Denominator are exported so Power BI can add them up.
/// </summary>
public sealed class IndicatorResultFacts(RegisterStore register) : IExportSource
{
    public const string Incidence = "incidence";

    public static ExportTable Definition { get; } = new(
        "FactIndicatorResult",
        ExportTableKind.Fact,
        "one row per indicator of one subject (household, village or township) in one period (year) from one source",
        "county code|period|township code: a refresh reads one township's year",
        [
            new("ResultKey", ColumnType.String, "level|subject|period|indicator|source"),
            new("Level", ColumnType.String, "household, village or township"),
            new("HouseholdKey", ColumnType.String, "DimHousehold, for household results", Nullable: true),
            new("VillageKey", ColumnType.String, "DimVillage, for household and village results", Nullable: true),
            new("TownshipKey", ColumnType.String, "DimTownship"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("Period", ColumnType.Int, "the year measured"),
            new("IndicatorCode", ColumnType.String, "the rule set's indicator code, e.g. income, incidence, food"),
            new("IndicatorName", ColumnType.String, "the indicator as the documents name it"),
            new("Source", ColumnType.String, "register (the register's figures) or exit-case (入户核查 when the case started)"),
            new("Value", ColumnType.Decimal, "the measured number (yuan, %)", Nullable: true),
            new("Flag", ColumnType.Bool, "the yes/no finding", Nullable: true),
            new("Threshold", ColumnType.Decimal, "the rule set's bar for numeric indicators", Nullable: true),
            new("ThresholdText", ColumnType.String, "the bar as shown to approvers, e.g. \"> 4000 元\" or 须达到"),
            new("Passed", ColumnType.Bool, "the indicator is met"),
            new("Numerator", ColumnType.Int, "incidence: people in households not exited (未脱贫)", Nullable: true),
            new("Denominator", ColumnType.Int, "incidence: registered people", Nullable: true),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var county in scope.Counties)
        {
            var cases = (await scope.ExitHistoriesAsync(county.Code, cancellationToken).ConfigureAwait(false))
                .Select(h => h.Case).ToLookup(c => c.TownshipCode, StringComparer.Ordinal);
            foreach (var township in county.Townships)
            {
                var households = new List<RegisteredHousehold>();
                await foreach (var registered in register.ReadTownshipAsync(county.Code, township.Code, cancellationToken).ConfigureAwait(false))
                {
                    households.Add(registered);
                }

                var rows = new List<ExportRow>();
                var townshipKey = ExportScope.Partition(county.Code, township.Code);
                foreach (var period in households.GroupBy(h => h.LatestIncome.Year))
                {
                    if (RuleSet(county.Code, period.Key) is not { } rules)
                    {
                        continue;
                    }

                    var partition = ExportScope.Partition(county.Code, $"{period.Key.ToString(CultureInfo.InvariantCulture)}|{township.Code}");
                    var income = rules.HouseholdIndicators.Single(i => i.Code == "income");
                    foreach (var registered in period)
                    {
                        var household = registered.Household;
                        var key = scope.Pseudonyms.Of(county.Code, household.Number);
                        var value = Measurement.Of(registered.LatestIncome.PerCapitaNetIncome);
                        rows.Add(Row(partition, "household", key, key, ExportScope.Partition(county.Code, registered.VillageCode), townshipKey, county.Code,
                            period.Key, income, "register", value, income.Threshold.IsMetBy(value), null, null));
                    }

                    var incidence = rules.VillageIndicators.Single(i => i.Code == Incidence);
                    foreach (var village in period.GroupBy(h => h.VillageCode, StringComparer.Ordinal))
                    {
                        var villageKey = ExportScope.Partition(county.Code, village.Key);
                        rows.Add(IncidenceRow(partition, "village", villageKey, villageKey, townshipKey, county.Code, period.Key, incidence, village.ToList()));
                    }

                    rows.Add(IncidenceRow(partition, "township", townshipKey, null, townshipKey, county.Code, period.Key, incidence, period.ToList()));
                    foreach (var exitCase in cases[township.Code].Where(c => c.Year == period.Key))
                    {
                        var key = scope.Pseudonyms.Of(county.Code, exitCase.HouseholdNumber);
                        foreach (var found in exitCase.Indicators)
                        {
                            var indicator = rules.HouseholdIndicators.FirstOrDefault(i => i.Code == found.Code);
                            if (indicator is null)
                            {
                                continue;
                            }

                            var measured = decimal.TryParse(found.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                                ? Measurement.Of(number)
                                : Measurement.Of(found.Value == "是");
                            rows.Add(Row(partition, "household", $"{key}-{exitCase.Attempt.ToString(CultureInfo.InvariantCulture)}", key,
                                ExportScope.Partition(county.Code, exitCase.VillageCode), townshipKey, county.Code, period.Key, indicator, "exit-case", measured, found.Passed, null, null));
                        }
                    }
                }

                foreach (var row in rows.OrderBy(r => r.PartitionKey, StringComparer.Ordinal))
                {
                    yield return row;
                }
            }
        }
    }

    private static StandardRuleSet? RuleSet(string countyCode, int year)
    {
        try
        {
            return StandardCatalog.For(countyCode, year);
        }
        catch (StandardNotAvailableException)
        {
            return null;
        }
    }

    private static ExportRow IncidenceRow(
        string partition, string level, string subject, string? villageKey, string townshipKey, string countyCode, int period, Indicator incidence, List<RegisteredHousehold> households)
    {
        var people = households.Sum(h => h.Household.Size);
        var poor = households.Where(h => h.Household.Status == PovertyStatus.NotExited).Sum(h => h.Household.Size);
        var value = Measurement.Of(PovertyIncidence.Percent(poor, people));
        return Row(partition, level, subject, null, villageKey, townshipKey, countyCode, period, incidence, "register", value, incidence.Threshold.IsMetBy(value), poor, people);
    }

    private static ExportRow Row(
        string partition, string level, string subject, string? householdKey, string? villageKey, string townshipKey, string countyCode, int period,
        Indicator indicator, string source, Measurement value, bool passed, int? numerator, int? denominator)
    {
        var key = $"{level}|{subject}|{period.ToString(CultureInfo.InvariantCulture)}|{indicator.Code}|{source}";
        return new ExportRow(partition, key,
        [
            key, level, householdKey, villageKey, townshipKey, countyCode, period, indicator.Code, indicator.Name, source,
            value.Number, value.Flag, indicator.Threshold.Value, indicator.Threshold.ToString(), passed, numerator, denominator,
        ]);
    }
}
