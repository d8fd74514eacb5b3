using Workflow.App.Durable;
using Workflow.App.Hosting;
using Workflow.App.Links;
using Workflow.App.Rectification.Orchestration;
using Workflow.App.Rectification.Web;

namespace Workflow.App.Rectification;

/// <summary>
/// Wires the rectification ledger (整改台账): its store (also the campaign's <see cref="IRectificationLedger"/>), the
/// item orchestration and its activities, the link intake, the county API, pages and console view.
/// </summary>
public static class RectificationServices
{
    public static IServiceCollection AddRectification(this IServiceCollection services)
    {
        services.AddSingleton<RectificationStore>();
        services.AddSingleton<IRectificationLedger>(provider => provider.GetRequiredService<RectificationStore>());
        services.AddSingleton<RectificationRequests>();
        services.AddSingleton<RectificationIntake>();
        services.AddSingleton<FindingEntry>();
        services.AddStorageInitialization("rectification", (provider, token) => provider.GetRequiredService<RectificationStore>().InitializeAsync(token));
        services.AddSingleton<IKeptDecisionDelivery>(provider => provider.GetRequiredService<RectificationIntake>());

        services.AddTaskOrchestrator<RectificationOrchestrator>(RectificationOrchestrator.Name);
        services.AddTaskActivity<OpenSubmitActivity>(RectificationActivities.OpenSubmit);
        services.AddTaskActivity<OpenVerifyActivity>(RectificationActivities.OpenVerify);
        services.AddTaskActivity<RecordDecisionActivity>(RectificationActivities.Record);
        services.AddTaskActivity<SuperviseActivity>(RectificationActivities.Supervise);
        services.AddTaskActivity<SummonActivity>(RectificationActivities.Summon);
        return services;
    }

    public static void MapRectification(this IEndpointRouteBuilder app)
    {
        app.MapRectificationLinks();
        app.MapRectificationApi();
        app.MapRectificationPages();
        app.MapLedgerConsole();
    }
}
