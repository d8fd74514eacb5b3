using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Domain.Calendar;
using Workflow.App.Durable;
using Workflow.App.Hosting;
using Workflow.App.Links;
using Workflow.App.Projects.Orchestration;
using Workflow.App.Projects.Web;

namespace Workflow.App.Projects;

/// <summary>
/// Wires poverty projects (扶贫项目): the store, the project bank, the workflow per project with its activities, the link
/// and objection intakes, the county API and console view, the step pages and notices. The working-day calendar is the
/// services' (the shipped national one unless a test or a county replaces it), as for funds.
/// </summary>
public static class ProjectServices
{
    public static IServiceCollection AddProjects(this IServiceCollection services)
    {
        services.TryAddSingleton(WorkingCalendar.China);
        services.AddSingleton<ProjectStore>();
        services.AddSingleton<ProjectLedger>();
        services.AddSingleton<ProjectDeadlines>();
        services.AddSingleton<ProjectRequests>();
        services.AddSingleton<ProjectIntake>();
        services.AddSingleton<ProjectObjections>();
        services.AddSingleton<IKeptDecisionDelivery>(provider => provider.GetRequiredService<ProjectIntake>());
        services.AddSingleton<IKeptDecisionDelivery>(provider => provider.GetRequiredService<ProjectObjections>());
        services.AddStorageInitialization("projects", async (provider, token) =>
        {
            await provider.GetRequiredService<ProjectStore>().InitializeAsync(token).ConfigureAwait(false);
            await provider.GetRequiredService<ProjectObjections>().InitializeAsync(token).ConfigureAwait(false);
        });

        services.AddTaskOrchestrator<ProjectOrchestrator>(ProjectOrchestrator.Name);
        services.AddTaskActivity<OpenStepActivity>(ProjectActivities.OpenStep);
        services.AddTaskActivity<RemindActivity>(ProjectActivities.Remind);
        services.AddTaskActivity<EscalateActivity>(ProjectActivities.Escalate);
        services.AddTaskActivity<PassNoticeActivity>(ProjectActivities.PassNotice);
        services.AddTaskActivity<TakeObjectionActivity>(ProjectActivities.TakeObjection);
        services.AddTaskActivity<ResumeNoticeActivity>(ProjectActivities.ResumeNotice);
        services.AddTaskActivity<OpenQuarterActivity>(ProjectActivities.OpenQuarter);
        services.AddTaskActivity<AskQuarterActivity>(ProjectActivities.AskQuarter);
        return services;
    }

    public static void MapProjects(this IEndpointRouteBuilder app)
    {
        app.MapProjectApi();
        app.MapProjectConsole();
        app.MapProjectLinks();
        app.MapProjectNotices();
    }
}
