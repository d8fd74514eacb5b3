using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Workflow.Domain.Plans;
using Workflow.App.Rectification;

namespace Workflow.App.Analytics.Sources;

/// <summary>
/// The plan's keys, shared by the plan dimensions: a plan is a county's year, a phase is named by its key, a task by its
/// place in the list, a unit (责任单位) by a digest of its name (names are long Chinese text, not fit for keys).
/// </summary>
public static class PlanKeys
{
    public static string Plan(AnnualPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return ExportScope.Partition(plan.CountyCode, plan.Year.ToString(CultureInfo.InvariantCulture));
    }

    public static string Phase(AnnualPlan plan, string phaseKey) => $"{Plan(plan)}|{phaseKey}";

    public static string Task(AnnualPlan plan, int index) => $"{Plan(plan)}|{(index + 1).ToString("D3", CultureInfo.InvariantCulture)}";

    public static string Unit(string countyCode, string unitName) =>
        $"{countyCode}|{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(unitName)).AsSpan(0, 6))}";
}

/// <summary>DimPhase: the phases (阶段) of each county's annual plan: its running campaign's, or the shipped template (Plans/Templates).</summary>
public sealed class PhaseDimension(CampaignPlans plans) : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "DimPhase",
        ExportTableKind.Dimension,
        "one row per phase of a county's annual plan",
        "county code|year",
        [
            new("PhaseKey", ColumnType.String, "county|year|phase key"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("Year", ColumnType.Int, "the plan's year"),
            new("Phase", ColumnType.String, "stable key, e.g. HundredDayCampaign"),
            new("PhaseName", ColumnType.String, "阶段 name, e.g. 百日会战"),
            new("PhaseOrder", ColumnType.Int, "1 for the first phase of the year"),
            new("StartDate", ColumnType.Date, "first day"),
            new("EndDate", ColumnType.Date, "last day"),
            new("WorkingDays", ColumnType.Int, "working days in the phase", Nullable: true),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (plan, _) in await plans.ReadAsync(scope, cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < plan.Phases.Count; i++)
            {
                var phase = plan.Phases[i];
                var key = PlanKeys.Phase(plan, phase.Key);
                yield return new ExportRow(PlanKeys.Plan(plan), phase.Key,
                    [key, plan.CountyCode, plan.Year, phase.Key, phase.Name, i + 1, phase.Start, phase.End, WorkingDays(phase.Start, phase.End)]);
            }
        }
    }

    private static int? WorkingDays(DateOnly start, DateOnly end)
    {
        try
        {
            return Domain.Calendar.WorkingCalendar.China.WorkingDaysBetween(start.AddDays(-1), end);
        }
        catch (Domain.Calendar.CalendarYearNotAvailableException)
        {
            return null;
        }
    }
}

/// <summary>DimPlanTask: the tasks (任务 / 工作措施) of each county's annual plan: its running campaign's, or the shipped template.</summary>
public sealed class PlanTaskDimension(CampaignPlans plans) : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "DimPlanTask",
        ExportTableKind.Dimension,
        "one row per task of a county's annual plan",
        "county code|year",
        [
            new("PlanTaskKey", ColumnType.String, "county|year|task index"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("Year", ColumnType.Int, "the plan's year"),
            new("TaskNumber", ColumnType.String, "the number as the document writes it"),
            new("Area", ColumnType.String, "方面 the task is listed under", Nullable: true),
            new("Title", ColumnType.String, "the task"),
            new("PhaseKey", ColumnType.String, "DimPhase, when the plan ties the task to a phase", Nullable: true),
            new("LeadUnitKey", ColumnType.String, "DimUnit: the first lead unit (牵头单位)", Nullable: true),
            new("Deadline", ColumnType.Date, "完成时限", Nullable: true),
            new("IsOngoing", ColumnType.Bool, "长期坚持"),
            new("DeadlineText", ColumnType.String, "the deadline as the document states it"),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (plan, _) in await plans.ReadAsync(scope, cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < plan.Tasks.Count; i++)
            {
                var task = plan.Tasks[i];
                var key = PlanKeys.Task(plan, i);
                yield return new ExportRow(PlanKeys.Plan(plan), key[(PlanKeys.Plan(plan).Length + 1)..],
                [
                    key, plan.CountyCode, plan.Year, task.Number, task.Area, task.Title, task.Phase is { } phase ? PlanKeys.Phase(plan, phase) : null,
                    task.LeadUnits.Count > 0 ? PlanKeys.Unit(plan.CountyCode, task.LeadUnits[0]) : null, task.Deadline.Date, task.Deadline.Ongoing,
                    task.Deadline.ToString(),
                ]);
            }
        }
    }
}

/// <summary>
/// DimUnit: the units (单位) a county's plans (as <see cref="CampaignPlans"/> reads them) name, lead or co-operating, and those its rectification ledger
/// names as responsible (责任单位). The key is a digest of county and name, so a unit named by a plan and a finding
/// alike is one row, and the ledger's facts find it without a lookup.
/// </summary>
public sealed class UnitDimension(RectificationStore ledger, CampaignPlans campaignPlans) : IExportSource
{
    public static ExportTable Definition { get; } = new(
        "DimUnit",
        ExportTableKind.Dimension,
        "one row per unit a county's plans name as lead or co-operating unit, or its rectification ledger names as responsible unit",
        "the county code",
        [
            new("UnitKey", ColumnType.String, "county|digest of the unit's name"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("UnitName", ColumnType.String, "单位 name as the plan or the finding writes it"),
            new("LeadTasks", ColumnType.Int, "tasks it leads (牵头) in the county's plans"),
            new("CooperatingTasks", ColumnType.Int, "tasks it co-operates on (配合)"),
            new("RectificationItems", ColumnType.Int, "rectification items it is responsible for, all years"),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var plans = (await campaignPlans.ReadAsync(scope, cancellationToken).ConfigureAwait(false)).Select(p => p.Plan).ToLookup(p => p.CountyCode, StringComparer.Ordinal);
        var counties = plans.Select(p => p.Key).Concat(scope.Counties.Select(c => c.Code)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var county in counties)
        {
            var tasks = plans[county].SelectMany(p => p.Tasks).ToList();
            var items = new Dictionary<string, int>(StringComparer.Ordinal);
            if (scope.Counties.Any(c => c.Code == county))
            {
                await foreach (var item in ledger.ReadCountyAsync(county, cancellationToken).ConfigureAwait(false))
                {
                    items[item.ResponsibleUnit] = items.GetValueOrDefault(item.ResponsibleUnit) + 1;
                }
            }

            var names = tasks.SelectMany(t => t.LeadUnits.Concat(t.CooperatingUnits)).Concat(items.Keys).Distinct(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var key = PlanKeys.Unit(county, name);
                yield return new ExportRow(county, key[(county.Length + 1)..],
                [
                    key, county, name, tasks.Count(t => t.LeadUnits.Contains(name)), tasks.Count(t => t.CooperatingUnits.Contains(name)),
                    items.GetValueOrDefault(name),
                ]);
            }
        }
    }
}
