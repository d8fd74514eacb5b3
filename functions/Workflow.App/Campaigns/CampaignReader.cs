using Workflow.Domain.Calendar;
using Workflow.Domain.Campaigns;
using Workflow.Domain.Plans;
using Workflow.Domain.Rectification;
using Microsoft.DurableTask.Client;
using Workflow.App.Campaigns.Orchestration;
using Workflow.App.Rectification;

namespace Workflow.App.Campaigns;

/// <summary>
/// Reads a campaign year from its orchestration (plan, phase, version), the campaign tables (tasks, reports, history)
/// and the rectification ledger (open items, findings), and checks the open phase's gates. Everything is measured at
/// one instant, the moment of reading: the open phase's days left against its planned end, and each task's status
/// against its due points, so the board and the task list agree, and a task is 逾期 from its deadline on, not from the
/// next review.
/// </summary>
public sealed class CampaignReader(DurableTaskClient client, CampaignStore store, IRectificationLedger ledger, TimeProvider time)
{
    /// <summary>The plan and progress of a campaign; null when the county has none for the year.</summary>
    public async Task<(CampaignInput Input, CampaignProgress? Progress, bool Completed)?> FindAsync(string countyCode, int year, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(CampaignKeys.InstanceId(countyCode, year), getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (instance?.ReadInputAs<CampaignInput>() is not { } input)
        {
            return null;
        }

        return (input, instance.ReadCustomStatusAs<CampaignProgress>(), instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
    }

    public async Task<CampaignStatus?> ReadAsync(string countyCode, int year, CancellationToken cancellationToken)
    {
        if (await FindAsync(countyCode, year, cancellationToken).ConfigureAwait(false) is not var (input, progress, completed))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var today = ShanghaiTime.DateOf(now);
        var plan = input.Plan;
        var entered = progress?.Entered ?? input.Entered;
        var currentIndex = progress is null ? input.PhaseIndex : CampaignGates.IndexOf(plan, progress.PhaseKey);
        var open = progress?.Open == true && !completed;
        var phases = plan.Phases.Select((p, i) =>
        {
            var state = completed || i < currentIndex ? PhaseState.Closed
                : i > currentIndex ? PhaseState.Later
                : open ? PhaseState.Open : PhaseState.AwaitingStart;
            return new PhaseView(p.Key, p.Name, p.Start, p.End, state, entered.FirstOrDefault(e => e.PhaseKey == p.Key)?.On,
                state == PhaseState.Open ? CampaignSchedule.DaysLeft(p, today, CampaignCalendar.Working) : null);
        }).ToList();

        var tasks = await TasksAsync(plan, now, cancellationToken).ConfigureAwait(false);
        var unclosed = await ledger.ListUnclosedAsync(countyCode, year, cancellationToken).ConfigureAwait(false);
        var gates = open ? await CheckGatesAsync(plan, plan.Phases[currentIndex].Key, unclosed, cancellationToken).ConfigureAwait(false) : [];
        return new CampaignStatus(plan.CountyCode, plan.CountyName, plan.Year, plan.Title, progress?.Version ?? string.Empty, completed,
            completed ? null : phases[currentIndex], phases, gates, tasks,
            tasks.Count(t => t.Status is TrackedTaskStatus.InProgress or TrackedTaskStatus.Overdue), tasks.Count(t => t.Status == TrackedTaskStatus.Overdue),
            unclosed, await store.ReadTimelineAsync(countyCode, year, cancellationToken).ConfigureAwait(false), now, CampaignCalendar.UnpublishedYears(plan));
    }

    /// <summary>The years the county has a campaign in, earliest first: every one started, whether or not its first phase has begun.</summary>
    public async Task<IReadOnlyList<int>> ListYearsAsync(string countyCode, CancellationToken cancellationToken)
    {
        var years = new SortedSet<int>();
        var query = new OrchestrationQuery { InstanceIdPrefix = CampaignKeys.InstancePrefix(countyCode) };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (CampaignKeys.YearOf(countyCode, instance.InstanceId) is { } year)
            {
                years.Add(year);
            }
        }

        return years.ToList();
    }

    /// <summary>The gates of advancing from <paramref name="fromKey"/>, checked against the ledger now.</summary>
    public async Task<IReadOnlyList<GateCheck>> CheckGatesAsync(AnnualPlan plan, string fromKey, IReadOnlyList<UnclosedRectification>? unclosed, CancellationToken cancellationToken)
    {
        var gates = CampaignGates.ForAdvance(plan, fromKey);
        if (gates.Count == 0)
        {
            return [];
        }

        if (unclosed is null && gates.Any(g => g.Gate.Kind == GateKind.RectificationClosed))
        {
            unclosed = await ledger.ListUnclosedAsync(plan.CountyCode, plan.Year, cancellationToken).ConfigureAwait(false);
        }

        var findings = new Dictionary<FindingSource, int>();
        foreach (var source in gates.Select(g => g.Gate.Source).OfType<FindingSource>().Distinct())
        {
            findings[source] = await ledger.CountFindingsAsync(plan.CountyCode, plan.Year, source, cancellationToken).ConfigureAwait(false);
        }

        var items = (unclosed ?? []).Select(u => new OpenRectificationItem(u.ItemId, u.Source, u.Description, u.ResponsibleUnit, u.Deadline, u.Status, u.SourceLabel)).ToList();
        return CampaignGates.Evaluate(plan, fromKey, new GateFacts(items, findings));
    }

    private async Task<IReadOnlyList<TaskView>> TasksAsync(AnnualPlan plan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await store.ListTasksAsync(plan.CountyCode, plan.Year, cancellationToken).ConfigureAwait(false);
        var reports = (await store.ListReportsAsync(plan.CountyCode, plan.Year, cancellationToken).ConfigureAwait(false)).ToLookup(r => r.TaskId);
        return rows.Where(r => r.Index < plan.Tasks.Count).Select(row =>
        {
            var task = plan.Tasks[row.Index];
            var facts = reports[row.TaskId].Select(r => new ReportFact(r.At, r.Completed)).ToList();
            var duePoints = TaskSchedule.DuePoints(task, row.OpenedOn, plan, ScheduleRules.Default);
            return new TaskView(row, TaskSchedule.StatusAt(task, row.OpenedOn, duePoints, facts, now), TaskSchedule.NextOpen(task, duePoints, facts), reports[row.TaskId].ToList());
        }).ToList();
    }
}
