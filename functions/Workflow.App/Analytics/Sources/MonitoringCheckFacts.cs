using System.Globalization;
using System.Runtime.CompilerServices;
using Workflow.Domain.Monitoring;

namespace Workflow.App.Analytics.Sources;

/// <summary>
/// FactMonitoringCheck: one row per household in a month's monitoring round (月度监测), filed or not, so checks done
/// and checks due come from one table. The cadre's name, the 其他风险 text and the 户编号 are not exported.
/// </summary>
public sealed class MonitoringCheckFacts(MonitoringRounds rounds) : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "FactMonitoringCheck",
        ExportTableKind.Fact,
        "one row per household in a month's monitoring round: the check due, and what it found once filed",
        "county code|month of the round (yyyy-MM)",
        [
            new("CheckKey", ColumnType.String, "HouseholdKey-yyyyMM"),
            new("HouseholdKey", ColumnType.String, "DimHousehold"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("TownshipKey", ColumnType.String, "DimTownship"),
            new("VillageKey", ColumnType.String, "DimVillage"),
            new("Month", ColumnType.String, "监测月份, yyyy-MM"),
            new("MonthDate", ColumnType.Date, "DimDate: the first day of the month"),
            new("Category", ColumnType.String, "监测类别 when the round opened: None, Edge (边缘户), Monitored (监测户)"),
            new("SpecialGroups", ColumnType.Int, "how many of the special groups (特殊群体) the household is in"),
            new("IsChecked", ColumnType.Bool, "the check was filed"),
            new("CheckedDate", ColumnType.Date, "DimDate: 入户日期", Nullable: true),
            new("RecordedAt", ColumnType.DateTime, "when the check was kept (UTC)", Nullable: true),
            new("ExpectedPerCapitaNetIncome", ColumnType.Decimal, "预计全年人均纯收入, yuan per person", Nullable: true),
            new("FoodSecure", ColumnType.Bool, "不愁吃", Nullable: true),
            new("ClothingSecure", ColumnType.Bool, "不愁穿", Nullable: true),
            new("CompulsoryEducationSecured", ColumnType.Bool, "义务教育有保障", Nullable: true),
            new("BasicMedicalCareSecured", ColumnType.Bool, "基本医疗有保障", Nullable: true),
            new("HousingSafe", ColumnType.Bool, "住房安全有保障", Nullable: true),
            new("DrinkingWaterSafe", ColumnType.Bool, "饮水安全有保障", Nullable: true),
            new("SeriousIllness", ColumnType.Bool, "new risk: 重病", Nullable: true),
            new("Disaster", ColumnType.Bool, "new risk: 灾害", Nullable: true),
            new("LostWork", ColumnType.Bool, "new risk: 失业/务工中断", Nullable: true),
            new("OtherRisk", ColumnType.Bool, "new risk: 其他 (its text is not exported)", Nullable: true),
            new("MembersDied", ColumnType.Int, "家庭成员死亡人数", Nullable: true),
            new("IsAlert", ColumnType.Bool, "the check raised an alert (FactMonitoringAlert)"),
            new("IsReminded", ColumnType.Bool, "the cadre was reminded before month end"),
            new("IsEscalated", ColumnType.Bool, "still missing at month end and escalated to the township"),
        ]);

    public ExportTable Table => Definition;

    /// <summary>A household's check of a month: its pseudonym and yyyyMM. The alert it raised has the same key.</summary>
    public static string CheckKey(ExportScope scope, string countyCode, MonitoredMonth round)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(round);
        return $"{scope.Pseudonyms.Of(countyCode, round.Entry.Household.Number)}-{round.Month.Key}";
    }

    public static string MonthText(MonitoringMonth month) => month.FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var county in scope.Counties)
        {
            // In month order: the exporter takes a partition's rows together.
            foreach (var round in await rounds.ReadAsync(county.Code, cancellationToken).ConfigureAwait(false))
            {
                var household = round.Entry.Household;
                var check = round.Entry.Check;
                var key = CheckKey(scope, county.Code, round);
                yield return new ExportRow(ExportScope.Partition(county.Code, MonthText(round.Month)), key,
                [
                    key, scope.Pseudonyms.Of(county.Code, household.Number), county.Code, ExportScope.Partition(county.Code, household.TownshipCode),
                    ExportScope.Partition(county.Code, household.VillageCode), MonthText(round.Month), round.Month.FirstDay, household.Category.ToString(),
                    household.Groups.Count, check is not null, check?.CheckedOn, round.RecordedAt, check?.ExpectedPerCapitaNetIncome, check?.FoodSecure,
                    check?.ClothingSecure, check?.CompulsoryEducationSecured, check?.BasicMedicalCareSecured, check?.HousingSafe, check?.DrinkingWaterSafe,
                    check?.Risks.SeriousIllness, check?.Risks.Disaster, check?.Risks.LostWork, check is null ? null : !string.IsNullOrWhiteSpace(check.Risks.Other),
                    check?.Risks.MembersDied, round.Entry.Alerts, round.Entry.Reminded, round.Entry.Escalated,
                ]);
            }
        }
    }
}
