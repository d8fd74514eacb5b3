using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Workflow.App.Monitoring.Orchestration;
using Workflow.Domain.Monitoring;

namespace Workflow.App.Monitoring;

/// <summary>Starts a county's round for a month; starting the same county and month again finds the round already there.</summary>
public sealed class MonitoringRoundStarter(DurableTaskClient client, IOptions<MonitoringOptions> options)
{
    /// <summary>The round's instance id, and whether this call created it.</summary>
    public async Task<(string InstanceId, bool Created)> StartAsync(string countyCode, MonitoringMonth month, CancellationToken cancellationToken)
    {
        var instanceId = MonitoringKeys.InstanceId(countyCode, month);
        if (await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return (instanceId, false);
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(MonthlyMonitoringOrchestrator.Name,
                new MonitoringRoundInput(countyCode, month.Year, month.Month, options.Value.ReminderWorkingDaysBeforeMonthEnd),
                new StartOrchestrationOptions(instanceId), cancellationToken).ConfigureAwait(false);
            return (instanceId, true);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return (instanceId, false);
        }
    }
}
