using Workflow.App.Entries.Orchestration;
using Workflow.App.Entries.Web;
using Workflow.App.Durable;
using Workflow.App.Hosting;

namespace Workflow.App.Entries;

/// <summary>
/// Wires household entries (新识别, 返贫): the entry orchestration and its 挂号 activity, the starter, the window and
/// proposal stores, and the county API. Every other step runs the exit activities, links and pages (AddExits).
/// </summary>
public static class EntryServices
{
    public static IServiceCollection AddEntries(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<EntryWindowStore>();
        services.AddSingleton<EntryProposalStore>();
        services.AddSingleton<EntryCaseStarter>();
        services.AddStorageInitialization("entry", async (provider, token) =>
        {
            await provider.GetRequiredService<EntryWindowStore>().InitializeAsync(token).ConfigureAwait(false);
            await provider.GetRequiredService<EntryProposalStore>().InitializeAsync(token).ConfigureAwait(false);
        });
        services.AddTaskOrchestrator<HouseholdEntryOrchestrator>(HouseholdEntryOrchestrator.Name);
        services.AddTaskActivity<RegisterActivity>(EntryActivities.Register);
        return services;
    }

    public static void MapEntries(this IEndpointRouteBuilder app)
    {
        app.MapEntryApi();
        app.MapEntryPages();
    }
}
