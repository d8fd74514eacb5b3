using Workflow.App.Hosting;
using Workflow.App.Projects.Web;

namespace Workflow.App.Projects;

/// <summary>Wires poverty projects (扶贫项目): the store, the project bank, the county API and console view.</summary>
public static class ProjectServices
{
    public static IServiceCollection AddProjects(this IServiceCollection services)
    {
        services.AddSingleton<ProjectStore>();
        services.AddSingleton<ProjectLedger>();
        services.AddStorageInitialization("projects", (provider, token) => provider.GetRequiredService<ProjectStore>().InitializeAsync(token));
        return services;
    }

    public static void MapProjects(this IEndpointRouteBuilder app)
    {
        app.MapProjectApi();
        app.MapProjectConsole();
    }
}
