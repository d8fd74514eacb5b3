using System.Runtime.CompilerServices;
using Workflow.Domain.Calendar;
using Workflow.App.Campaigns;

namespace Workflow.App.Analytics.Sources;

/// <summary>
/// FactPhaseTransition: the phases a county's campaign year has entered, from the campaign's history: when and how
/// each was entered, when the office advanced (closed) it, how long it ran, whether the advance overrode its gates
/// (with the official's written reason and how many conditions it went past) and how many advances the orchestration
/// refused first. The history's texts and actors are not read into the table: they name people.
/// </summary>
public sealed class PhaseTransitionFacts(CampaignPlans plans, CampaignStore store) : IExportSource
{
    public const string OnDate = "on-date";
    public const string EarlyStart = "early-start";

    public static ExportTable Definition { get; } = new(
        "FactPhaseTransition",
        ExportTableKind.Fact,
        "one row per phase a county's campaign year entered: its entry and, once the office advanced it, its close",
        "county code|year (the campaign's own partition: a transition rewrites its campaign year only)",
        [
            new("PhaseKey", ColumnType.String, "DimPhase: county|year|phase key"),
            new("CountyCode", ColumnType.String, "县 code"),
            new("Year", ColumnType.Int, "the campaign year"),
            new("Phase", ColumnType.String, "stable phase key, e.g. SpringOffensive"),
            new("PhaseOrder", ColumnType.Int, "1 for the first phase of the year"),
            new("EnteredAt", ColumnType.DateTime, "when the phase was entered (UTC)"),
            new("EnteredDate", ColumnType.Date, "DimDate: the China date it was entered"),
            new("EntryKind", ColumnType.String, "on-date (its start date came) or early-start (the office started it before)"),
            new("AdvancedAt", ColumnType.DateTime, "when the office advanced (closed) it (UTC); empty while open", Nullable: true),
            new("AdvancedDate", ColumnType.Date, "DimDate: the China date it was closed; empty while open", Nullable: true),
            new("IsClosed", ColumnType.Bool, "advanced by the office"),
            new("CalendarDays", ColumnType.Int, "calendar days from the day entered to the day closed, or (open) the export date"),
            new("WorkingDays", ColumnType.Int, "the same in working days (WorkingCalendar); empty outside the calendar's years", Nullable: true),
            new("IsOverridden", ColumnType.Bool, "closed by a CountyAdmin's override past failing gates (强制推进)"),
            new("OverrideReason", ColumnType.String, "the override's written reason (理由), as the official wrote it", Nullable: true),
            new("OverriddenBlockers", ColumnType.Int, "unmet conditions the override went past"),
            new("RefusedAdvances", ColumnType.Int, "advances the orchestration refused because its gates failed when it took them"),
        ]);

    public ExportTable Table => Definition;

    public async IAsyncEnumerable<ExportRow> ReadAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var today = ShanghaiTime.DateOf(scope.Now);
        foreach (var (plan, _) in (await plans.ReadAsync(scope, cancellationToken).ConfigureAwait(false)).Where(p => p.Running))
        {
            var history = await store.ReadTimelineAsync(plan.CountyCode, plan.Year, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < plan.Phases.Count; i++)
            {
                var phase = plan.Phases[i];
                var of = history.Where(h => h.Phase == phase.Key).ToList();
                if (of.FirstOrDefault(h => h.Kind == CampaignTimelineKinds.PhaseStarted) is not { } entered)
                {
                    continue;
                }

                var advanced = of.FirstOrDefault(h => h.Kind is CampaignTimelineKinds.Advanced or CampaignTimelineKinds.Completed);
                var overridden = of.FirstOrDefault(h => h.Kind == CampaignTimelineKinds.Overridden);
                var from = ShanghaiTime.DateOf(entered.At);
                DateOnly? closed = advanced is null ? null : ShanghaiTime.DateOf(advanced.At);
                var until = closed ?? today;
                yield return new ExportRow(PlanKeys.Plan(plan), phase.Key,
                [
                    PlanKeys.Phase(plan, phase.Key), plan.CountyCode, plan.Year, phase.Key, i + 1, entered.At, from, entered.Actor is null ? OnDate : EarlyStart,
                    advanced?.At, closed, advanced is not null, until.DayNumber - from.DayNumber, WorkingDays(from, until), overridden is not null,
                    overridden?.Reason, overridden?.Blockers ?? 0, of.Count(h => h.Kind == CampaignTimelineKinds.AdvanceRefused),
                ]);
            }
        }
    }

    internal static int? WorkingDays(DateOnly from, DateOnly until)
    {
        try
        {
            return WorkingCalendar.China.WorkingDaysBetween(from, until);
        }
        catch (CalendarYearNotAvailableException)
        {
            return null;
        }
    }
}
