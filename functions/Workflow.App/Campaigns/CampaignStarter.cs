using Workflow.Domain.Campaigns;
using Workflow.Domain.Plans;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Workflow.App.Campaigns.Orchestration;

namespace Workflow.App.Campaigns;

/// <summary>
/// Starts a county's campaign year from a plan, after checking it: the plan validator's problems, the county it is
/// for, and that it has tasks. A year it spans whose holidays are not published yet does not stop it: the campaign
/// counts that year by weekends (<see cref="CampaignCalendar"/>). Starting the same county and year again finds the
/// running campaign.
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
        // The citations say where the template's text comes from and change nothing the campaign does; every activity
        // input carries the plan into the orchestration's history, so they stay out of it.
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(CampaignOrchestrator.Name, new CampaignInput(plan with { Citations = null }, 0, []),
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

        if (plan.Tasks.Count == 0)
        {
            problems.Add(new PlanProblem("计划", "计划没有任务"));
        }

        return problems;
    }
}

/// <summary>What starting a campaign did: the instance (null when refused), whether this call created it, and the plan's problems.</summary>
public sealed record CampaignStartOutcome(string? InstanceId, bool Created, IReadOnlyList<PlanProblem> Problems);
