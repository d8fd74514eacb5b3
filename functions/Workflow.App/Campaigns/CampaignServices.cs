using Workflow.App.Campaigns.Orchestration;
using Workflow.App.Campaigns.Web;
using Workflow.App.Durable;
using Workflow.App.Hosting;
using Workflow.App.Links;

namespace Workflow.App.Campaigns;

/// <summary>
/// Wires the annual campaign: its orchestration and activities, the commands, the reader, the report links and the
/// pages. It needs an <see cref="Rectification.IRectificationLedger"/> for its gates, which the ledger registers.
/// </summary>
public static class CampaignServices
{
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<CampaignStarter>();
        services.AddSingleton<CampaignReader>();
        services.AddSingleton<CampaignCommands>();
        services.AddSingleton<TaskReportLinks>();
        services.AddSingleton<TaskReportIntake>();
        services.AddSingleton<IKeptDecisionDelivery>(provider => provider.GetRequiredService<TaskReportIntake>());
        services.AddStorageInitialization("campaign", (provider, token) => provider.GetRequiredService<CampaignStore>().InitializeAsync(token));

        services.AddTaskOrchestrator<CampaignOrchestrator>(CampaignOrchestrator.Name, "1");
        services.AddTaskActivity<EnterPhaseActivity>(CampaignActivities.EnterPhase);
        services.AddTaskActivity<ReviewTasksActivity>(CampaignActivities.ReviewTasks);
        services.AddTaskActivity<RemindPhaseEndActivity>(CampaignActivities.RemindPhaseEnd);
        services.AddTaskActivity<RecordAdvanceActivity>(CampaignActivities.RecordAdvance);
        services.AddTaskActivity<CheckGatesActivity>(CampaignActivities.CheckGates);
        services.AddTaskActivity<RecordRefusedAdvanceActivity>(CampaignActivities.RecordRefusedAdvance);
        return services;
    }

    public static void MapCampaigns(this IEndpointRouteBuilder app)
    {
        app.MapCampaignApi();
        app.MapCampaignConsole();
        app.MapTaskReports();
    }
}
