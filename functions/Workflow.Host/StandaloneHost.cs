using Workflow.App.Hosting;

namespace Workflow.Host;

/// <summary>
/// 独立运行: the app on Kestrel for local runs and CI, with the durable worker (DTFx on the Azure Storage provider,
/// Azurite locally) and the scheduled work running in the same process. On Azure, Workflow.FunctionApp hosts the same
/// app instead.
/// </summary>
public static class StandaloneHost
{
    /// <param name="configure">For tests: replaces services (a controllable clock) before the app is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Configuration.AddQuietEngineLogging();
        builder.Services.AddWorkflow(builder.Configuration, builder.Environment);
        builder.Services.AddHostedService<TaskHubWorkerService>();
        builder.Services.AddHostedService<StandaloneScheduler>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseWorkflowMiddleware();
        app.MapWorkflow();
        return app;
    }
}
