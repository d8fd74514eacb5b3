using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Workflow.App.Exits;
using Workflow.App.Monitoring;
using Workflow.Domain.Register;

namespace Workflow.App.Analytics.Sources;

/// <summary>
/// FactMonitoringAlert: one row per alert a monthly check raised (监测预警), with what it proposed. A relapse proposal
/// names its case by the case's key (FactEntryCase), never by the case id, which holds the 户编号.
/// </summary>
public sealed class MonitoringAlertFacts(MonitoringRounds rounds) : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "FactMonitoringAlert",
        ExportTableKind.Fact,
        "one row per alert a monthly check raised",
        "county code|month of the round (yyyy-MM)",
        [
            new("AlertKey", ColumnType.String, "the CheckKey of the check that raised it (one check, at most one alert)"),
            new("CheckKey", ColumnType.String, "FactMonitoringCheck"),
            new("HouseholdKey", ColumnType.String, "DimHousehold"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("TownshipKey", ColumnType.String, "DimTownship"),
            new("VillageKey", ColumnType.String, "DimVillage"),
            new("Month", ColumnType.String, "监测月份, yyyy-MM"),
            new("MonthDate", ColumnType.Date, "DimDate: the first day of the month"),
            new("AlertDate", ColumnType.Date, "DimDate: the check's 入户日期"),
            new("Reasons", ColumnType.String, "the alert's reasons as the system words them (zh-CN)"),
            new("FailedIndicators", ColumnType.String, "codes of the indicators the check failed, comma-separated"),
            new("Proposal", ColumnType.String, "返贫 (an exited household), 新识别 (a 边缘户) or 继续帮扶 (not exited)"),
            new("RelapseCaseKey", ColumnType.String, "FactEntryCase: the relapse case the alert started", Nullable: true),
            new("ProposalNote", ColumnType.String, "what the alert noted for the office, when it started no case", Nullable: true),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var county in scope.Counties)
        {
            var alerts = (await rounds.ReadAsync(county.Code, cancellationToken).ConfigureAwait(false)).Where(r => r.Entry is { Alerts: true, Check: not null }).ToList();
            if (alerts.Count == 0)
            {
                continue;
            }

            var relapses = (await scope.EntryHistoriesAsync(county.Code, cancellationToken).ConfigureAwait(false))
                .Select(h => h.Case).Where(c => c.Kind == CaseKind.Relapse).ToList();
            foreach (var round in alerts)
            {
                var household = round.Entry.Household;
                var key = MonitoringCheckFacts.CheckKey(scope, county.Code, round);
                var proposal = ProposalOf(household);
                // The stored proposal names the case it started by its id: the case is found by that id, and the text,
                // which would carry the id, is exported only when it names none.
                var started = round.Entry.Proposal is { } text ? relapses.FirstOrDefault(c => c.HouseholdNumber == household.Number && Names(text, c.CaseId)) : null;
                var note = started is null && round.Entry.Proposal is { } p && !p.Contains(household.Number, StringComparison.Ordinal) ? p : null;
                yield return new ExportRow(ExportScope.Partition(county.Code, MonitoringCheckFacts.MonthText(round.Month)), key,
                [
                    key, key, scope.Pseudonyms.Of(county.Code, household.Number), county.Code, ExportScope.Partition(county.Code, household.TownshipCode),
                    ExportScope.Partition(county.Code, household.VillageCode), MonitoringCheckFacts.MonthText(round.Month), round.Month.FirstDay,
                    round.Entry.Check!.CheckedOn, string.Join(string.Empty, round.Entry.Reasons), string.Join(',', round.Entry.FailedCodes), proposal,
                    started is null ? null : EntryCaseFacts.CaseKey(scope, started), note,
                ]);
            }
        }
    }

    /// <summary>Whether the text names the case id whole: R1 is not the start of R10.</summary>
    private static bool Names(string text, string caseId) => Regex.IsMatch(text, Regex.Escape(caseId) + @"(?![0-9])", RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>What an alert proposes, as <c>MonitoringCheckIntake</c> decides it: 返贫 for an exited household, 新识别 for a 边缘户.</summary>
    private static string ProposalOf(MonitoredHousehold household) =>
        household.HasExited ? "返贫" : household.Category == MonitoringCategory.Edge ? "新识别" : "继续帮扶";
}
