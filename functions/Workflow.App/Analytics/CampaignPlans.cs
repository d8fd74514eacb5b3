using Workflow.Domain.Plans;
using Workflow.App.Campaigns;

namespace Workflow.App.Analytics;

/// <summary>
/// The annual plans the export describes: a county's own plan where its campaign for the year has been started (the
/// plan its orchestration runs, which may differ from the template it was copied from), the shipped template
/// otherwise. Keys come from county, year, phase key and task position, so a campaign started from a template keeps
/// the template's keys.
/// </summary>
public sealed class CampaignPlans(CampaignStore store, CampaignReader reader)
{
    /// <summary>Every plan, ordered by county and year; <see cref="CampaignPlan.Running"/> marks a started campaign's.</summary>
    public async Task<IReadOnlyList<CampaignPlan>> ReadAsync(ExportScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var plans = PlanTemplates.All.ToDictionary(p => (p.CountyCode, p.Year), p => new CampaignPlan(p, false));
        foreach (var county in scope.Counties)
        {
            var years = (await store.ListYearsAsync(county.Code, cancellationToken).ConfigureAwait(false))
                .Concat(PlanTemplates.All.Where(p => p.CountyCode == county.Code).Select(p => p.Year)).Distinct();
            foreach (var year in years)
            {
                if (await reader.FindAsync(county.Code, year, cancellationToken).ConfigureAwait(false) is var (input, _, _))
                {
                    plans[(county.Code, year)] = new CampaignPlan(input.Plan, true);
                }
            }
        }

        return plans.Values.OrderBy(p => p.Plan.CountyCode, StringComparer.Ordinal).ThenBy(p => p.Plan.Year).ToList();
    }
}

/// <summary>A plan the export describes, and whether it is a started campaign's (with history and reports) or a template.</summary>
public sealed record CampaignPlan(AnnualPlan Plan, bool Running);
