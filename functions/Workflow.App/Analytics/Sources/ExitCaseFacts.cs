using System.Globalization;
using System.Runtime.CompilerServices;
using Workflow.Domain.Calendar;
using Workflow.App.Exits;

namespace Workflow.App.Analytics.Sources;

/// <summary>FactExitCase: one row per exit case (脱贫退出案件), from the case rows and their timelines.</summary>
public sealed class ExitCaseFacts : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "FactExitCase",
        ExportTableKind.Fact,
        "one row per exit case: one attempt of one household to exit",
        "county code|year of the case (the income year it was assessed on)",
        [
            new("CaseKey", ColumnType.String, "HouseholdKey-attempt"),
            new("HouseholdKey", ColumnType.String, "DimHousehold"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("TownshipKey", ColumnType.String, "DimTownship"),
            new("VillageKey", ColumnType.String, "DimVillage"),
            new("Year", ColumnType.Int, "the case's year"),
            new("Attempt", ColumnType.Int, "1 for the household's first attempt"),
            new("ProcedureId", ColumnType.String, "the exit procedure it ran"),
            new("Status", ColumnType.String, "InProgress, Approved, Rejected, Withdrawn"),
            new("IsApproved", ColumnType.Bool, "approved and deregistered (已退出)"),
            new("StartedAt", ColumnType.DateTime, "when the case was started (UTC)"),
            new("StartedDate", ColumnType.Date, "DimDate: the China date it was started"),
            new("EndedAt", ColumnType.DateTime, "when it ended (UTC)", Nullable: true),
            new("EndedDate", ColumnType.Date, "DimDate: the China date it ended", Nullable: true),
            new("WorkingDays", ColumnType.Int, "working days from start to end", Nullable: true),
            new("CurrentStep", ColumnType.String, "the step awaited now, while in progress", Nullable: true),
            new("EscalatedSteps", ColumnType.Int, "steps that went past their deadline and were escalated"),
            new("Steps", ColumnType.Int, "step occurrences (FactExitStep rows) of the case"),
        ]);

    public ExportTable Table => Definition;

    public static string CaseKey(ExportScope scope, ExitCase exitCase)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(exitCase);
        return $"{scope.Pseudonyms.Of(exitCase.CountyCode, exitCase.HouseholdNumber)}-{exitCase.Attempt.ToString(CultureInfo.InvariantCulture)}";
    }

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var county in scope.Counties)
        {
            var histories = await scope.ExitHistoriesAsync(county.Code, cancellationToken).ConfigureAwait(false);
            foreach (var year in histories.GroupBy(h => h.Case.Year).OrderBy(g => g.Key))
            {
                var partition = ExportScope.Partition(county.Code, year.Key.ToString(CultureInfo.InvariantCulture));
                foreach (var history in year)
                {
                    var c = history.Case;
                    var steps = ExitStepOccurrence.Of(history);
                    var key = CaseKey(scope, c);
                    var started = ShanghaiTime.DateOf(c.StartedAt);
                    DateOnly? ended = c.EndedAt is { } end ? ShanghaiTime.DateOf(end) : null;
                    yield return new ExportRow(partition, key,
                    [
                        key, scope.Pseudonyms.Of(c.CountyCode, c.HouseholdNumber), c.CountyCode, ExportScope.Partition(c.CountyCode, c.TownshipCode),
                        ExportScope.Partition(c.CountyCode, c.VillageCode), c.Year, c.Attempt, c.ProcedureId, c.Status.ToString(),
                        c.Status == ExitCaseStatus.Approved, c.StartedAt, started, c.EndedAt, ended, WorkingDaysBetween(started, ended),
                        c.CurrentStep, steps.Count(s => s.Escalated), steps.Count,
                    ]);
                }
            }
        }
    }

    /// <summary>Working days from start to end (China calendar); null while open or for a year the calendar does not have.</summary>
    internal static int? WorkingDaysBetween(DateOnly start, DateOnly? end)
    {
        try
        {
            return end is { } e ? WorkingCalendar.China.WorkingDaysBetween(start, e) : null;
        }
        catch (CalendarYearNotAvailableException)
        {
            return null;
        }
    }
}
