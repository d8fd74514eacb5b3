using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.App.Durable;
using Workflow.App.Hosting;
using Workflow.App.Links;
using Workflow.App.Monitoring.Changes;
using Workflow.App.Monitoring.Orchestration;
using Workflow.App.Monitoring.Web;

namespace Workflow.App.Monitoring;

/// <summary>
/// Wires monthly monitoring (一月一监测，一季一排查): the ledger and the checks tables, the monthly round and its
/// activities, the check links, the relapse seam (a 返贫 case started on the entry
/// capability, <see cref="CaseRelapseProposal"/>; a test may register its own <see cref="IRelapseProposal"/>), the month-end
/// change report, the schedule that starts each month's round, and the pages.
/// </summary>
public static class MonitoringServices
{
    public static IServiceCollection AddMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MonitoringOptions>().Bind(configuration.GetSection(MonitoringOptions.Section)).Validate(o => o.ReminderWorkingDaysBeforeMonthEnd is >= 0 and <= 20,
            "Monitoring:ReminderWorkingDaysBeforeMonthEnd is 0 to 20 working days.");
        services.AddSingleton<MonitoringLedger>();
        services.AddSingleton<MonitoringCheckStore>();
        services.AddSingleton<MonitoringReader>();
        services.AddSingleton<MonitoringRoundStarter>();
        services.AddSingleton<MonitoringCheckLinks>();
        services.AddSingleton<MonitoringCheckIntake>();
        services.AddSingleton<IKeptDecisionDelivery>(provider => provider.GetRequiredService<MonitoringCheckIntake>());
        services.TryAddSingleton<IRelapseProposal, CaseRelapseProposal>();
        services.AddSingleton<ChangeReportReader>();
        services.AddSingleton<ChangeReportNotice>();
        services.AddStorageInitialization("monitoring", async (provider, token) =>
        {
            await provider.GetRequiredService<MonitoringLedger>().InitializeAsync(token).ConfigureAwait(false);
            await provider.GetRequiredService<MonitoringCheckStore>().InitializeAsync(token).ConfigureAwait(false);
        });
        services.AddScheduledWork<MonthlyRoundSchedule>(MonthlyRoundSchedule.FunctionName, MonthlyRoundSchedule.Interval);

        services.AddTaskOrchestrator<MonthlyMonitoringOrchestrator>(MonthlyMonitoringOrchestrator.Name);
        services.AddTaskActivity<OpenRoundActivity>(MonitoringActivities.OpenRound);
        services.AddTaskActivity<RemindMissingActivity>(MonitoringActivities.RemindMissing);
        services.AddTaskActivity<EscalateMissingActivity>(MonitoringActivities.EscalateMissing);
        return services;
    }

    public static void MapMonitoring(this IEndpointRouteBuilder app)
    {
        app.MapMonitoringApi();
        app.MapMonitoringChecks();
        app.MapMonitoringConsole();
        app.MapChangeReport();
    }
}
