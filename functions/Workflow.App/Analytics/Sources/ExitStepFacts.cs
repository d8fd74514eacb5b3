using System.Globalization;
using System.Runtime.CompilerServices;
using Workflow.Domain.Calendar;
using Workflow.Domain.Exits;

namespace Workflow.App.Analytics.Sources;

/// <summary>FactExitStep: one row per step occurrence of an exit case, from its timeline and its audited decisions.</summary>
public sealed class ExitStepFacts : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "FactExitStep",
        ExportTableKind.Fact,
        "one row per time a case entered a step (a notice resumed after an objection is a second row)",
        "county code|month the step was entered (yyyy-MM): a refresh of recent months reads only those partitions",
        [
            new("StepKey", ColumnType.String, "CaseKey-sequence"),
            new("CaseKey", ColumnType.String, "FactExitCase"),
            new("HouseholdKey", ColumnType.String, "DimHousehold"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("TownshipKey", ColumnType.String, "DimTownship"),
            new("VillageKey", ColumnType.String, "DimVillage"),
            new("Step", ColumnType.String, "step code: appraisal, verification, consent, notice, objection-review, township-review, county-approval, deregistration"),
            new("StepOrder", ColumnType.Int, "the step's place in the procedure (objection reviews after the notice)"),
            new("EnteredAt", ColumnType.DateTime, "when the step opened (UTC)"),
            new("EnteredDate", ColumnType.Date, "DimDate: the China date it opened"),
            new("DecidedAt", ColumnType.DateTime, "when it was decided or ended (UTC)", Nullable: true),
            new("DecidedDate", ColumnType.Date, "DimDate: the China date it was decided", Nullable: true),
            new("Decision", ColumnType.String, "approve, reject, passed, objected, done, withdrawn or pending"),
            new("DecidedByRole", ColumnType.String, "the deciding role, from the audit log", Nullable: true),
            new("WorkingDays", ColumnType.Int, "working days from entered to decided (China dates, WorkingCalendar)", Nullable: true),
            new("IsReminded", ColumnType.Bool, "a reminder went out before the deadline"),
            new("IsEscalated", ColumnType.Bool, "past its deadline and escalated (督办)"),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var county in scope.Counties)
        {
            var histories = await scope.ExitHistoriesAsync(county.Code, cancellationToken).ConfigureAwait(false);
            var rows = new List<ExportRow>();
            foreach (var history in histories)
            {
                var c = history.Case;
                var caseKey = ExitCaseFacts.CaseKey(scope, c);
                var order = ExitProcedureCatalog.ById(c.ProcedureId).Steps.Select(s => s.Code).ToList();
                foreach (var step in ExitStepOccurrence.Of(history))
                {
                    var code = ExitProcedure.IsObjectionReview(step.StepKey) ? ExitProcedure.ObjectionReviewCode : step.StepKey;
                    var place = ExitProcedure.IsObjectionReview(step.StepKey) ? order.IndexOf(ExitProcedure.Notice) + 1 : order.IndexOf(code) + 1;
                    var entered = ShanghaiTime.DateOf(step.EnteredAt);
                    var key = $"{caseKey}-{step.Sequence.ToString("D4", CultureInfo.InvariantCulture)}";
                    rows.Add(new ExportRow(ExportScope.Partition(county.Code, entered.ToString("yyyy-MM", CultureInfo.InvariantCulture)), key,
                    [
                        key, caseKey, scope.Pseudonyms.Of(c.CountyCode, c.HouseholdNumber), c.CountyCode, ExportScope.Partition(c.CountyCode, c.TownshipCode),
                        ExportScope.Partition(c.CountyCode, c.VillageCode), code, place, step.EnteredAt, entered, step.DecidedAt,
                        step.DecidedAt is { } decided ? ShanghaiTime.DateOf(decided) : null, step.Decision, step.DecidedByRole, step.WorkingDays,
                        step.Reminded, step.Escalated,
                    ]));
                }
            }

            // Grouped by month: the exporter takes a partition's rows together.
            foreach (var row in rows.OrderBy(r => r.PartitionKey, StringComparer.Ordinal))
            {
                yield return row;
            }
        }
    }
}
