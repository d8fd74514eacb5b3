using System.Runtime.CompilerServices;
using Workflow.Domain.Calendar;
using Workflow.Domain.Campaigns;
using Workflow.Domain.Register;
using Workflow.App.Campaigns;
using Workflow.App.Evidence;

namespace Workflow.App.Analytics.Sources;

/// <summary>
/// FactTaskProgressReport: what each opened task owed and what its lead unit reported (进展报送), one row per task
/// and due point, the report being the one sent through that due point's link. PartitionKey is the campaign's own
/// county|year rather than a period: the campaign tables are read by county-year anyway, a task's due points span the
/// year, and a report rewrites rows of its own year only. Neither the reporter's name nor the progress text is read
/// into the table.
/// </summary>
public sealed class TaskProgressReportFacts(CampaignPlans plans, CampaignStore store, EvidenceStore evidence) : IExportSource
{
    public const string OnTime = "按时报送";
    public const string Late = "逾期报送";
    public const string Missing = "逾期未报";
    public const string NotDue = "未到期";
    public const string NotOwed = "无需报送";

    public static ExportTable Definition { get; } = new(
        "FactTaskProgressReport",
        ExportTableKind.Fact,
        "one row per opened plan task and due point (报送节点: its 完成时限, a 长期坚持 task's report of each cycle of its cadence, a county-wide report date)",
        "county code|year (the campaign's own partition: a report rewrites its campaign year only)",
        [
            new("ReportKey", ColumnType.String, "PlanTaskKey|due point, e.g. 532331|2020|009|report-20200320"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("Year", ColumnType.Int, "the campaign year"),
            new("PlanTaskKey", ColumnType.String, "DimPlanTask"),
            new("UnitKey", ColumnType.String, "DimUnit: the unit that reported, or (not reported) the task's first lead unit", Nullable: true),
            new("DueKind", ColumnType.String, "完成时限, 定期报送 or 报送进展"),
            new("DueDate", ColumnType.Date, "DimDate: the date the report is due by"),
            new("ReportedAt", ColumnType.DateTime, "when the unit reported through the due point's link (UTC); empty until then", Nullable: true),
            new("ReportedDate", ColumnType.Date, "DimDate: the China date it reported", Nullable: true),
            new("Timeliness", ColumnType.String, "按时报送, 逾期报送, 逾期未报, 未到期, or 无需报送 (met by another report, e.g. the target reached earlier)"),
            new("IsOnTime", ColumnType.Bool, "reported by the due date; empty until reported", Nullable: true),
            new("IsOverdue", ColumnType.Bool, "逾期 on the export date: past the due date, not reported and not met otherwise"),
            new("WorkingDaysLate", ColumnType.Int,
                "working days past the due date to the report or (逾期未报) the export date; 0 on time; empty when not due or outside the calendar's years", Nullable: true),
            new("ReportedStatus", ColumnType.String, "已完成 (target reached) or 进展 (progress); empty until reported", Nullable: true),
            new("EvidenceCount", ColumnType.Int, "佐证材料 uploaded with the due point's report"),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var today = ShanghaiTime.DateOf(scope.Now);
        foreach (var (plan, _) in (await plans.ReadAsync(scope, cancellationToken).ConfigureAwait(false)).Where(p => p.Running))
        {
            var reports = (await store.ListReportsAsync(plan.CountyCode, plan.Year, cancellationToken).ConfigureAwait(false)).ToLookup(r => r.TaskId, StringComparer.Ordinal);
            foreach (var tracked in await store.ListTasksAsync(plan.CountyCode, plan.Year, cancellationToken).ConfigureAwait(false))
            {
                if (tracked.Index >= plan.Tasks.Count)
                {
                    continue;
                }

                var task = plan.Tasks[tracked.Index];
                var taskKey = PlanKeys.Task(plan, tracked.Index);
                var facts = reports[tracked.TaskId].Select(r => new ReportFact(r.At, r.Completed)).ToList();
                var files = (await evidence.ListAsync(tracked.TaskId, cancellationToken).ConfigureAwait(false)).ToLookup(e => e.Step, StringComparer.Ordinal);
                foreach (var due in TaskSchedule.DuePoints(task, tracked.OpenedOn, plan, ScheduleRules.Default))
                {
                    var report = reports[tracked.TaskId].Where(r => r.DueKey == due.Key).MinBy(r => r.At);
                    DateOnly? reported = report is null ? null : ShanghaiTime.DateOf(report.At);
                    var overdue = report is null && scope.Now >= TaskSchedule.OverdueAt(due) && !TaskSchedule.IsMet(task, due, facts);
                    var timeliness = reported is { } on ? (on <= due.Date ? OnTime : Late)
                        : overdue ? Missing
                        : TaskSchedule.IsMet(task, due, facts) ? NotOwed
                        : NotDue;
                    int? late = reported is { } day ? (day <= due.Date ? 0 : PhaseTransitionFacts.WorkingDays(due.Date, day))
                        : overdue ? PhaseTransitionFacts.WorkingDays(due.Date, today)
                        : null;
                    var unit = report?.Unit ?? (tracked.LeadUnits.Count > 0 ? tracked.LeadUnits[0] : null);
                    yield return new ExportRow(PlanKeys.Plan(plan), $"{taskKey[(PlanKeys.Plan(plan).Length + 1)..]}|{due.Key}",
                    [
                        $"{taskKey}|{due.Key}", plan.CountyCode, plan.Year, taskKey, unit is null ? null : PlanKeys.Unit(plan.CountyCode, unit), ChineseTerms.Of(due.Kind),
                        due.Date, report?.At, reported, timeliness, reported is { } d ? d <= due.Date : null, overdue, late,
                        report is null ? null : report.Completed ? "已完成" : "进展", files[due.Key].Count(),
                    ]);
                }
            }
        }
    }
}
