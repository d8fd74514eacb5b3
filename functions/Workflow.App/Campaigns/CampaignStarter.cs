using System.Globalization;
using Workflow.Domain.Calendar;
using Workflow.Domain.Plans;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflow.App.Campaigns.Orchestration;

namespace Workflow.App.Campaigns;

/// <summary>
/// Starts a county's campaign year from a plan, after checking it: the plan validator's problems, the county it is
/// for, and that the working calendar knows every year it spans (reminders count working days). Starting the same
/// county and year again finds the running campaign.
/// </summary>
public sealed class CampaignStarter(DurableTaskClient client)
{
    public async Task<CampaignStartOutcome> StartAsync(string countyCode, AnnualPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var problems = Check(countyCode, plan);
        if (problems.Count > 0)
        {
            return new CampaignStartOutcome(null, false, problems);
        }

        var instanceId = CampaignKeys.InstanceId(countyCode, plan.Year);
        if (await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return new CampaignStartOutcome(instanceId, false, []);
        }

        // Two starts at once both get here; the runtime keeps one instance (a start of a pending id is idempotent).
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(CampaignOrchestrator.Name, new CampaignInput(plan, 0, []),
                new StartOrchestrationOptions(instanceId), cancellationToken).ConfigureAwait(false);
            return new CampaignStartOutcome(instanceId, true, []);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return new CampaignStartOutcome(instanceId, false, []);
        }
    }

    internal static IReadOnlyList<PlanProblem> Check(string countyCode, AnnualPlan plan)
    {
        var problems = PlanValidator.Validate(plan).ToList();
        if (plan.CountyCode != countyCode)
        {
            problems.Add(new PlanProblem("计划", $"计划属于县代码{plan.CountyCode}，不是{countyCode}"));
        }

        var known = WorkingCalendar.China.Years;
        foreach (var year in Enumerable.Range(plan.Start.Year, Math.Max(0, plan.End.Year - plan.Start.Year + 1)).Where(y => !known.Contains(y)))
        {
            problems.Add(new PlanProblem("计划", string.Create(CultureInfo.InvariantCulture,
                $"{year}年的节假日安排尚未收录，无法按工作日安排提醒（已收录：{string.Join("、", known)}）")));
        }

        if (plan.Tasks.Count == 0)
        {
            problems.Add(new PlanProblem("计划", "计划没有任务"));
        }

        return problems;
    }
}

/// <summary>What starting a campaign did: the instance (null when refused), whether this call created it, and the plan's problems.</summary>
public sealed record CampaignStartOutcome(string? InstanceId, bool Created, IReadOnlyList<PlanProblem> Problems);
