using System.Globalization;
using System.Runtime.CompilerServices;
using Workflow.App.Exits;
using Workflow.App.Register;
using Workflow.Domain.Calendar;
using Workflow.Domain.Entries;

namespace Workflow.App.Analytics.Sources;

/// <summary>
/// FactEntryCase: one row per entry case (纳入案件: 新识别 or 返贫), from the case rows, their timelines and the
/// register's 挂号 record. Kept apart from FactExitCase: an entry's attempt is its own count, and it is no exit.
/// </summary>
public sealed class EntryCaseFacts(RegisterStore register) : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "FactEntryCase",
        ExportTableKind.Fact,
        "one row per entry case: one attempt of one household to come onto the register (新识别 or 返贫)",
        "county code|year of the case",
        [
            new("EntryCaseKey", ColumnType.String, "HouseholdKey-E{attempt} (新识别) or HouseholdKey-R{attempt} (返贫)"),
            new("HouseholdKey", ColumnType.String, "DimHousehold"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("TownshipKey", ColumnType.String, "DimTownship"),
            new("VillageKey", ColumnType.String, "DimVillage"),
            new("Year", ColumnType.Int, "the case's year"),
            new("Attempt", ColumnType.Int, "1 for the household's first entry case of its kind"),
            new("Kind", ColumnType.String, "新识别 or 返贫"),
            new("Mode", ColumnType.String, "动态调整 (the annual window) or 即时纳入", Nullable: true),
            new("ProcedureId", ColumnType.String, "the entry procedure it ran"),
            new("Status", ColumnType.String, "InProgress, Approved, Rejected, Withdrawn"),
            new("IsApproved", ColumnType.Bool, "approved and registered (挂号)"),
            new("StartedAt", ColumnType.DateTime, "when the case was started (UTC)"),
            new("StartedDate", ColumnType.Date, "DimDate: the China date it was started"),
            new("EndedAt", ColumnType.DateTime, "when it ended (UTC)", Nullable: true),
            new("EndedDate", ColumnType.Date, "DimDate: the China date it ended", Nullable: true),
            new("WorkingDays", ColumnType.Int, "working days from start to end", Nullable: true),
            new("CurrentStep", ColumnType.String, "the step awaited now, while in progress", Nullable: true),
            new("EscalatedSteps", ColumnType.Int, "steps that went past their deadline and were escalated"),
            new("RegisteredDate", ColumnType.Date, "DimDate: 挂号日期, the day the register took the household on", Nullable: true),
        ]);

    public ExportTable Table => Definition;

    /// <summary>The key of an entry case: its household's pseudonym and the case id's own attempt (E1, R2), never the 户编号.</summary>
    public static string CaseKey(ExportScope scope, ExitCase entryCase)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(entryCase);
        var kind = entryCase.Kind == CaseKind.NewEntry ? 'E' : 'R';
        return $"{scope.Pseudonyms.Of(entryCase.CountyCode, entryCase.HouseholdNumber)}-{kind}{entryCase.Attempt.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>新识别 or 返贫, as the month-end report names the change.</summary>
    public static string KindName(CaseKind kind) => kind == CaseKind.NewEntry ? "新识别" : "返贫";

    public static string? ModeName(EntryMode? mode) => mode switch
    {
        EntryMode.AnnualAdjustment => "动态调整",
        EntryMode.Immediate => "即时纳入",
        _ => null,
    };

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var county in scope.Counties)
        {
            var histories = await scope.EntryHistoriesAsync(county.Code, cancellationToken).ConfigureAwait(false);
            if (histories.Count == 0)
            {
                continue;
            }

            var registered = await RegisteredEntriesAsync(county, cancellationToken).ConfigureAwait(false);
            foreach (var year in histories.GroupBy(h => h.Case.Year).OrderBy(g => g.Key))
            {
                var partition = ExportScope.Partition(county.Code, year.Key.ToString(CultureInfo.InvariantCulture));
                foreach (var history in year)
                {
                    var c = history.Case;
                    var key = CaseKey(scope, c);
                    var started = ShanghaiTime.DateOf(c.StartedAt);
                    DateOnly? ended = c.EndedAt is { } end ? ShanghaiTime.DateOf(end) : null;
                    var escalated = history.Timeline.Where(t => t.Kind == TimelineKinds.Escalated).Select(t => t.Step).Distinct(StringComparer.Ordinal).Count();
                    yield return new ExportRow(partition, key,
                    [
                        key, scope.Pseudonyms.Of(c.CountyCode, c.HouseholdNumber), c.CountyCode, ExportScope.Partition(c.CountyCode, c.TownshipCode),
                        ExportScope.Partition(c.CountyCode, c.VillageCode), c.Year, c.Attempt, KindName(c.Kind), ModeName(c.Mode), c.ProcedureId,
                        c.Status.ToString(), c.Status == ExitCaseStatus.Approved, c.StartedAt, started, c.EndedAt, ended,
                        ExitCaseFacts.WorkingDaysBetween(started, ended), c.CurrentStep, escalated, registered.TryGetValue(c.CaseId, out var on) ? on : null,
                    ]);
                }
            }
        }
    }

    /// <summary>The 挂号 date of each entry case the register records, by case id.</summary>
    private async Task<Dictionary<string, DateOnly>> RegisteredEntriesAsync(Domain.Register.County county, CancellationToken cancellationToken)
    {
        var dates = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var township in county.Townships)
        {
            await foreach (var household in register.ReadTownshipAsync(county.Code, township.Code, cancellationToken).ConfigureAwait(false))
            {
                if (household.Entry is { } entry)
                {
                    dates[entry.CaseId] = entry.EntryDate;
                }
            }
        }

        return dates;
    }
}
